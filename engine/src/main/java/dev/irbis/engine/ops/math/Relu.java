package dev.irbis.engine.ops.math;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.elementwise.Activations;

/** ONNX Relu, float32 (opsets 6, 13, 14: only the accepted types changed). */
public final class Relu implements Operator {
    public Relu(Node node) {
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        if (x.dataType() != DataType.FLOAT) {
            throw new ShapeMismatchException("Relu supports float32 input, got " + x.dataType());
        }
        Tensor y = ctx.allocateUninitialized(DataType.FLOAT, x.shape());
        Activations.relu(x.data(), y.data(), x.size());
        return new Tensor[] {y};
    }
}
