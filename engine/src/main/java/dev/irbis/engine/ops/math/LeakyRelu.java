package dev.irbis.engine.ops.math;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.elementwise.Activations;

/** ONNX LeakyRelu (opsets 6, 16): {@code x < 0 ? alpha * x : x}, alpha defaulting to 0.01. */
public final class LeakyRelu implements Operator {
    private final float alpha;

    public LeakyRelu(Node node) {
        this.alpha = node.attributes().getFloat("alpha", 0.01f);
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        DataType type = x.dataType();
        Tensor y = ctx.allocate(type, x.shape());
        if (type == DataType.FLOAT) {
            Activations.leakyRelu(x.data(), y.data(), x.size(), alpha);
        } else if (type.isFloatingPoint()) {
            for (long i = 0; i < x.size(); i++) {
                double v = x.getDouble(i);
                y.setDouble(i, v < 0 ? alpha * v : v);
            }
        } else {
            y.close();
            throw new ShapeMismatchException("LeakyRelu needs a floating-point input, got " + type);
        }
        return new Tensor[] {y};
    }
}
