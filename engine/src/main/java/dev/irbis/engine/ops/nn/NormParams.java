package dev.irbis.engine.ops.nn;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;

/** Input checks shared by the normalisation operators. */
final class NormParams {
    private NormParams() {
    }

    static Tensor input(Tensor[] in, int i) {
        return i < in.length ? in[i] : null;
    }

    /** A per-channel (or per-group) parameter as floats, checked to hold {@code expected} values. */
    static float[] vector(Tensor t, long expected, String op, String what) {
        if (t == null) {
            throw new ShapeMismatchException(op + " input " + what + " is required");
        }
        if (!t.dataType().isFloatingPoint()) {
            throw new ShapeMismatchException(op + " input " + what + " must be floating point, got " + t.dataType());
        }
        if (t.size() != expected) {
            throw new ShapeMismatchException(op + " input " + what + " must hold " + expected + " values, got shape "
                    + Shape.format(t.shape()));
        }
        return t.toFloatArray();
    }

    /** Input X: float32 with at least {@code minRank} dims. */
    static void checkX(Tensor x, int minRank, String op) {
        if (x.dataType() != dev.irbis.engine.tensor.DataType.FLOAT) {
            throw new ShapeMismatchException(op + " supports float32 input X, got " + x.dataType());
        }
        if (x.rank() < minRank) {
            throw new ShapeMismatchException(op + " input X must have rank " + minRank + " or more, got shape "
                    + Shape.format(x.shape()));
        }
    }

    /** The epsilon attribute; must be positive or zero. */
    static float epsilon(Attributes a, float dflt) {
        float eps = a.getFloat("epsilon", dflt);
        if (!(eps >= 0)) {
            throw new ModelFormatException("attribute 'epsilon' must be non-negative, got " + eps);
        }
        return eps;
    }

    /** stash_type must name float32 or a wider float (statistics are always computed in double here). */
    static void checkStashType(Attributes a) {
        long st = a.getLong("stash_type", 1);
        if (st != 1 && st != 10 && st != 11 && st != 16) {
            throw new ModelFormatException("attribute 'stash_type' must be a floating-point type code, got " + st);
        }
    }

    /** Product of X's dims from {@code from} on. */
    static long tail(Tensor x, int from) {
        long n = 1;
        for (int i = from; i < x.rank(); i++) {
            n *= x.dim(i);
        }
        return n;
    }

    static int toInt(long v, String op, String what) {
        if (v > Integer.MAX_VALUE) {
            throw new ShapeMismatchException(op + " " + what + " " + v + " is too large");
        }
        return (int) v;
    }
}
