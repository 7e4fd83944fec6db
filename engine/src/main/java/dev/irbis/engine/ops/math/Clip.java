package dev.irbis.engine.ops.math;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.elementwise.Activations;

/**
 * ONNX Clip. Opset 6: bounds are the float attributes {@code min}/{@code max}. Opset 11+: bounds
 * are optional scalar inputs 1 and 2 of the input's type; opset 12+ also accepts integer types.
 * A missing bound does not limit. With min > max every element becomes max (numpy's rule).
 */
public final class Clip implements Operator {
    private final boolean boundsAsInputs;
    private final float attrMin;
    private final float attrMax;

    public Clip(Node node) {
        this.boundsAsInputs = node.opset() >= 11;
        this.attrMin = node.attributes().getFloat("min", Float.NEGATIVE_INFINITY);
        this.attrMax = node.attributes().getFloat("max", Float.POSITIVE_INFINITY);
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        DataType type = x.dataType();
        Tensor lo = boundsAsInputs && in.length > 1 ? in[1] : null;
        Tensor hi = boundsAsInputs && in.length > 2 ? in[2] : null;
        checkBound(lo, "min", type);
        checkBound(hi, "max", type);
        if (type == DataType.BOOL) {
            throw new ShapeMismatchException("Clip does not accept BOOL input");
        }
        Tensor y = ctx.allocate(type, x.shape());
        if (type.isFloatingPoint()) {
            double min = boundsAsInputs ? (lo == null ? Double.NEGATIVE_INFINITY : lo.getDouble(0)) : attrMin;
            double max = boundsAsInputs ? (hi == null ? Double.POSITIVE_INFINITY : hi.getDouble(0)) : attrMax;
            if (type == DataType.FLOAT) {
                Activations.clip(x.data(), y.data(), x.size(), (float) min, (float) max);
            } else {
                for (long i = 0; i < x.size(); i++) {
                    y.setDouble(i, Math.min(Math.max(x.getDouble(i), min), max));
                }
            }
        } else {
            boolean u64 = type == DataType.UINT64;
            long min = lo == null ? (u64 || type.isUnsigned() ? 0 : Long.MIN_VALUE) : lo.getLong(0);
            long max = hi == null ? (u64 ? -1L : Long.MAX_VALUE) : hi.getLong(0);
            for (long i = 0; i < x.size(); i++) {
                long v = x.getLong(i);
                if (compare(v, min, u64) < 0) {
                    v = min;
                }
                if (compare(v, max, u64) > 0) {
                    v = max;
                }
                y.setLong(i, v);
            }
        }
        return new Tensor[] {y};
    }

    private static int compare(long a, long b, boolean unsigned) {
        return unsigned ? Long.compareUnsigned(a, b) : Long.compare(a, b);
    }

    private static void checkBound(Tensor bound, String name, DataType type) {
        if (bound == null) {
            return;
        }
        if (bound.size() != 1) {
            throw new ShapeMismatchException("Clip's " + name + " input must be a scalar, got shape "
                    + java.util.Arrays.toString(bound.shape()));
        }
        if (bound.dataType() != type) {
            throw new ShapeMismatchException("Clip's " + name + " input must have the input's type " + type + ", got "
                    + bound.dataType());
        }
    }
}
