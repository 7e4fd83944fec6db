package dev.irbis.cli;

import dev.irbis.engine.exec.MultiplyAdds;
import dev.irbis.engine.exec.NodeObserver;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.tensor.Tensor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the FLOPs of a run as it goes: {@link MultiplyAdds} at 2 FLOPs each. Everything but convolutions and
 * matrix products is left out: in a CNN those are a few percent, which is why the total is called an estimate.
 */
final class FlopCounter implements NodeObserver {
    private final LongAdder flops = new LongAdder();

    @Override
    public void afterNode(Node node, Tensor[] inputs, Tensor[] outputs, long nanos) {
        flops.add(2 * MultiplyAdds.of(node, inputs, outputs));
    }

    long flops() {
        return flops.sum();
    }
}
