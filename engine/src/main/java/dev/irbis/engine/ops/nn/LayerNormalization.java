package dev.irbis.engine.ops.nn;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.norm.LayerNorm;
import java.util.Arrays;

/**
 * ONNX LayerNormalization (opset 17), float32: X is normalised over its dims from {@code axis} on
 * (default -1), then scaled by Scale and shifted by the optional B, both broadcastable
 * (unidirectionally) to X.shape[axis:]. Optional outputs Mean and InvStdDev have shape
 * X.shape[:axis] followed by ones. epsilon default 1e-5; statistics are computed in double, which
 * satisfies any stash_type.
 */
public final class LayerNormalization implements Operator {
    private final long axis;
    private final float epsilon;
    private final boolean wantMean;
    private final boolean wantInvStd;

    public LayerNormalization(Node node) {
        axis = node.attributes().getLong("axis", -1);
        epsilon = NormParams.epsilon(node.attributes(), 1e-5f);
        NormParams.checkStashType(node.attributes());
        wantMean = node.outputs().size() > 1 && !node.outputs().get(1).isEmpty();
        wantInvStd = node.outputs().size() > 2 && !node.outputs().get(2).isEmpty();
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        String op = "LayerNormalization";
        Tensor x = in[0];
        NormParams.checkX(x, 1, op);
        int ax = Shape.axis(axis, x.rank(), op);
        long[] normShape = Arrays.copyOfRange(x.shape(), ax, x.rank());
        int inner = NormParams.toInt(NormParams.tail(x, ax), op, "normalised size");
        long outer = inner == 0 ? 0 : x.size() / inner;
        float[] scale = expand(NormParams.input(in, 1), normShape, inner, "Scale");
        Tensor b = NormParams.input(in, 2);
        float[] bias = b == null ? null : expand(b, normShape, inner, "B");
        long[] statShape = x.shape();
        Arrays.fill(statShape, ax, statShape.length, 1);
        Tensor y = ctx.allocate(DataType.FLOAT, x.shape());
        Tensor mean = ctx.allocate(DataType.FLOAT, statShape);
        Tensor invStd = ctx.allocate(DataType.FLOAT, statShape);
        LayerNorm.run(x.data(), y.data(), outer, inner, scale, bias, epsilon, mean.data(), invStd.data());
        if (!wantMean) {
            mean.close();
            mean = null;
        }
        if (!wantInvStd) {
            invStd.close();
            invStd = null;
        }
        return new Tensor[] {y, mean, invStd};
    }

    /** Broadcasts a parameter to the normalised shape and flattens it. */
    private static float[] expand(Tensor t, long[] normShape, int inner, String what) {
        String op = "LayerNormalization";
        if (t == null) {
            throw new ShapeMismatchException(op + " input " + what + " is required");
        }
        if (!t.dataType().isFloatingPoint()) {
            throw new ShapeMismatchException(op + " input " + what + " must be floating point, got " + t.dataType());
        }
        long[] shape = t.shape();
        long[] target;
        try {
            target = Shape.broadcast(normShape, shape);
        } catch (ShapeMismatchException e) {
            target = null;
        }
        if (target == null || !Arrays.equals(target, normShape)) {
            throw new ShapeMismatchException(op + " input " + what + " of shape " + Shape.format(shape)
                    + " cannot be broadcast to the normalised shape " + Shape.format(normShape));
        }
        float[] src = t.toFloatArray();
        if (src.length == inner) {
            return src;
        }
        long[] strides = Shape.broadcastStrides(shape, normShape);
        float[] out = new float[inner];
        long[] idx = new long[normShape.length];
        for (int i = 0; i < inner; i++) {
            long s = 0;
            for (int d = 0; d < idx.length; d++) {
                s += idx[d] * strides[d];
            }
            out[i] = src[(int) s];
            for (int d = idx.length - 1; d >= 0; d--) {
                if (++idx[d] < normShape[d]) {
                    break;
                }
                idx[d] = 0;
            }
        }
        return out;
    }
}
