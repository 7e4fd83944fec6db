package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.Tensor;

/**
 * ONNX Identity (all opsets): a view of the input (a new tensor sharing its memory, since operators
 * never hand their inputs back). Usually removed by a pass.
 */
public final class Identity implements Operator {
    public Identity(Node node) {
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        return new Tensor[] {in[0].reshaped(in[0].shape())};
    }
}
