package dev.irbis.engine.ops.math;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.ops.OperatorFactory;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.elementwise.FloatUnary;

/**
 * Elementwise one-input operators without attributes: Sigmoid, Tanh, Erf, Sqrt, Reciprocal, Exp, Log,
 * Floor, Ceil (floating types) and Neg, Abs (also signed/unsigned integers). The versions of these
 * operators in opsets 7..22 differ only in accepted types. Float32 runs the vector kernel; float16
 * and double compute in double.
 */
public final class UnaryMath implements Operator {
    private final FloatUnary.Fn fn;
    private final String opType;

    private UnaryMath(Node node, FloatUnary.Fn fn) {
        this.fn = fn;
        this.opType = node.opType();
    }

    static OperatorFactory factory(FloatUnary.Fn fn) {
        return node -> new UnaryMath(node, fn);
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        DataType type = x.dataType();
        Tensor y;
        if (type == DataType.FLOAT) {
            y = ctx.allocate(type, x.shape());
            FloatUnary.apply(fn, x.data(), y.data(), x.size());
        } else if (type.isFloatingPoint()) {
            y = ctx.allocate(type, x.shape());
            for (long i = 0; i < x.size(); i++) {
                y.setDouble(i, FloatUnary.scalar(fn, x.getDouble(i)));
            }
        } else if ((fn == FloatUnary.Fn.NEG || fn == FloatUnary.Fn.ABS) && type != DataType.BOOL) {
            y = ctx.allocate(type, x.shape());
            for (long i = 0; i < x.size(); i++) {
                long v = x.getLong(i);
                // Unsigned Abs is the identity; unsigned Neg wraps (setLong keeps the low bits).
                y.setLong(i, fn == FloatUnary.Fn.NEG ? -v : type.isUnsigned() ? v : Math.abs(v));
            }
        } else {
            throw new ShapeMismatchException(opType + " needs a floating-point input, got " + type);
        }
        return new Tensor[] {y};
    }
}
