package dev.irbis.engine.tensor;

import dev.irbis.engine.ResourceLimitException;
import dev.irbis.engine.ShapeMismatchException;
import java.util.Arrays;

/** Arithmetic on concrete shapes (long[] dims): element counts, strides, broadcasting, axes. */
public final class Shape {
    private Shape() {
    }

    /** Element count; throws for negative dims or counts that overflow a long. */
    public static long size(long[] dims) {
        long n = 1;
        for (long d : dims) {
            if (d < 0) {
                throw new ShapeMismatchException("negative dimension in shape " + format(dims));
            }
            try {
                n = Math.multiplyExact(n, d);
            } catch (ArithmeticException e) {
                throw new ResourceLimitException("shape " + format(dims) + " has more elements than fit in 64 bits");
            }
        }
        return n;
    }

    /** Row-major strides in elements. */
    public static long[] strides(long[] dims) {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }

    /** Numpy-style broadcast of two shapes. */
    public static long[] broadcast(long[] a, long[] b) {
        int rank = Math.max(a.length, b.length);
        long[] out = new long[rank];
        for (int i = 0; i < rank; i++) {
            long da = i < rank - a.length ? 1 : a[i - (rank - a.length)];
            long db = i < rank - b.length ? 1 : b[i - (rank - b.length)];
            if (da == db || db == 1) {
                out[i] = da;
            } else if (da == 1) {
                out[i] = db;
            } else {
                throw new ShapeMismatchException("shapes " + format(a) + " and " + format(b) + " cannot be broadcast together");
            }
        }
        return out;
    }

    /**
     * Strides for reading a tensor of shape {@code dims} as if it had the (broadcast) shape
     * {@code target}: broadcast dims get stride 0.
     */
    public static long[] broadcastStrides(long[] dims, long[] target) {
        long[] own = strides(dims);
        long[] s = new long[target.length];
        int off = target.length - dims.length;
        for (int i = 0; i < target.length; i++) {
            if (i >= off && dims[i - off] != 1) {
                s[i] = own[i - off];
            }
        }
        return s;
    }

    /** Resolves a possibly negative axis against a rank, with a message naming what it is for. */
    public static int axis(long axis, int rank, String what) {
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a >= rank) {
            throw new ShapeMismatchException(what + " axis " + axis + " is out of range for rank " + rank);
        }
        return (int) a;
    }

    public static String format(long[] dims) {
        return Arrays.toString(dims);
    }
}
