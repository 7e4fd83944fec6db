package dev.irbis.engine.ops.math;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;

/** ONNX Not (opset 1): logical negation of a BOOL tensor. */
public final class Not implements Operator {
    public Not(Node node) {
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        if (x.dataType() != DataType.BOOL) {
            throw new ShapeMismatchException("Not needs a BOOL input, got " + x.dataType());
        }
        Tensor y = ctx.allocate(DataType.BOOL, x.shape());
        for (long i = 0; i < x.size(); i++) {
            y.setLong(i, x.getLong(i) == 0 ? 1 : 0);
        }
        return new Tensor[] {y};
    }
}
