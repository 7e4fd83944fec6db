package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;

/** ONNX Size (opsets 1, 13, 19, 21): the element count of the input as an int64 scalar. */
public final class Size implements Operator {
    public Size(Node node) {
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor y = ctx.allocate(DataType.INT64);
        y.setLong(0, in[0].size());
        return new Tensor[] {y};
    }
}
