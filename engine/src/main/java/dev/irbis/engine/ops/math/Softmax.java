package dev.irbis.engine.ops.math;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.ops.OperatorFactory;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;

/**
 * ONNX Softmax and LogSoftmax, float32. Before opset 13 the input is coerced to 2-D at {@code axis}
 * (default 1) and normalised over the flattened trailing block; from 13 on it is normalised along
 * {@code axis} alone (default -1).
 */
public final class Softmax implements Operator {
    private final boolean log;
    private final boolean coerce2d;
    private final long axis;
    private final String opType;

    private Softmax(Node node, boolean log) {
        this.log = log;
        this.coerce2d = node.opset() < 13;
        this.axis = node.attributes().getLong("axis", coerce2d ? 1 : -1);
        this.opType = node.opType();
    }

    static OperatorFactory factory(boolean log) {
        return node -> new Softmax(node, log);
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        if (x.dataType() != DataType.FLOAT) {
            throw new ShapeMismatchException(opType + " supports float32 input, got " + x.dataType());
        }
        long[] dims = x.shape();
        Tensor y = ctx.allocate(DataType.FLOAT, dims);
        if (dims.length == 0) {
            // A scalar is its own (single-element) axis.
            y.setFloat(0, log ? 0f : 1f);
            return new Tensor[] {y};
        }
        int a = coerce2d && axis == dims.length ? dims.length : Shape.axis(axis, dims.length, opType);
        long outer = 1;
        for (int d = 0; d < a; d++) {
            outer *= dims[d];
        }
        long n = 1;
        long inner = 1;
        if (coerce2d) {
            for (int d = a; d < dims.length; d++) {
                n *= dims[d];
            }
        } else {
            n = dims[a];
            for (int d = a + 1; d < dims.length; d++) {
                inner *= dims[d];
            }
        }
        dev.irbis.kernels.softmax.Softmax.apply(x.data(), y.data(), outer, n, inner, log);
        return new Tensor[] {y};
    }
}
