package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;

/** Reads the small integer inputs of shape operators (shape, axes, pads, starts, split...) as long[]. */
final class IntListInput {
    private IntListInput() {
    }

    /** A 1-D (or scalar) INT64 or INT32 tensor as long[]; {@code what} names the input in errors. */
    static long[] read(Tensor t, String what) {
        if (t.dataType() != DataType.INT64 && t.dataType() != DataType.INT32) {
            throw new ShapeMismatchException("input '" + what + "' must be int64 or int32, got " + t.dataType());
        }
        if (t.rank() > 1) {
            throw new ShapeMismatchException("input '" + what + "' must be a 1-D tensor, got shape " + Shape.format(t.shape()));
        }
        return t.toLongArray();
    }

    /** Normalises axes against a rank, rejecting out-of-range and repeated ones. */
    static int[] axes(long[] axes, int rank, String what) {
        int[] out = new int[axes.length];
        boolean[] seen = new boolean[rank];
        for (int i = 0; i < axes.length; i++) {
            int a = Shape.axis(axes[i], rank, what);
            if (seen[a]) {
                throw new ShapeMismatchException(what + " axis " + axes[i] + " is repeated in " + java.util.Arrays.toString(axes));
            }
            seen[a] = true;
            out[i] = a;
        }
        return out;
    }
}
