package dev.irbis.engine.ops;

import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.tensor.Tensor;

/**
 * A compiled node: attributes already parsed and checked. {@link #run} computes output shapes from
 * the actual inputs (shape logic sits beside the kernel call) and allocates each output through the
 * context. Outputs are always new tensors, never an input passed through, so the executor can free
 * each one independently. Operators are immutable and may run on many threads at once.
 */
public interface Operator {
    /**
     * @param inputs one per node input; null for an omitted optional input
     * @return one tensor per node output (null only for outputs the node may leave undefined)
     */
    Tensor[] run(Tensor[] inputs, ExecContext ctx);
}
