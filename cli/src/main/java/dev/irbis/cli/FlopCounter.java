package dev.irbis.cli;

import dev.irbis.engine.exec.NodeObserver;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.tensor.Tensor;
import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the multiply-adds of Conv, ConvTranspose, Gemm and MatMul nodes as a run goes, at 2 FLOPs each,
 * from the actual tensor shapes. Everything else (bias, activations, pooling, normalisation) is left out:
 * in a CNN those are a few percent, which is why the total is called an estimate.
 */
final class FlopCounter implements NodeObserver {
    private final LongAdder flops = new LongAdder();

    @Override
    public void afterNode(Node node, Tensor[] inputs, Tensor[] outputs, long nanos) {
        if (!node.domain().isEmpty() || outputs.length == 0 || outputs[0] == null) {
            return;
        }
        long macs = switch (node.opType()) {
            case "Conv" -> convMacs(inputs[1], outputs[0]);
            case "ConvTranspose" -> convTransposeMacs(inputs[0], inputs[1]);
            case "Gemm" -> gemmMacs(node, inputs[0], outputs[0]);
            case "MatMul" -> matMulMacs(inputs[0], outputs[0]);
            default -> 0;
        };
        flops.add(2 * macs);
    }

    long flops() {
        return flops.sum();
    }

    /** Each output element sums C/group * k1 * ... * kn products; W is [M, C/group, k...]. */
    private static long convMacs(Tensor w, Tensor y) {
        return w.dim(0) == 0 ? 0 : y.size() * (w.size() / w.dim(0));
    }

    /** Each input element is scattered into M/group * k1 * ... * kn outputs; W is [C, M/group, k...]. */
    private static long convTransposeMacs(Tensor x, Tensor w) {
        return w.dim(0) == 0 ? 0 : x.size() * (w.size() / w.dim(0));
    }

    private static long gemmMacs(Node node, Tensor a, Tensor y) {
        boolean transA = node.attributes().getLong("transA", 0) != 0;
        long k = transA ? a.dim(0) : a.dim(a.rank() - 1);
        return y.size() * k;
    }

    /** Every output element is a dot product over A's last axis. */
    private static long matMulMacs(Tensor a, Tensor y) {
        return a.rank() == 0 ? 0 : y.size() * a.dim(a.rank() - 1);
    }
}
