package dev.irbis.kernels.reduce;

import dev.irbis.kernels.elementwise.StridedRows;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 reductions over any set of axes. Contract: {@code x} is contiguous row-major with shape
 * {@code dims}; {@code y} is contiguous with the same shape except that reduced axes have size 1
 * (the keepdims layout, identical in memory to the squeezed one). {@code y} is fully overwritten.
 * Single-threaded; accumulates in float.
 */
public final class FloatReduce {
    public enum Kind {
        SUM, MEAN, MAX, MIN
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private FloatReduce() {
    }

    public static void reduce(Kind kind, MemorySegment x, long[] dims, boolean[] reduced, MemorySegment y) {
        long[] yDims = dims.clone();
        long count = 1;
        for (int d = 0; d < dims.length; d++) {
            if (reduced[d]) {
                yDims[d] = 1;
                count *= dims[d];
            }
        }
        long ySize = 1;
        for (long d : yDims) {
            ySize *= d;
        }
        float identity = switch (kind) {
            case SUM, MEAN -> 0f;
            case MAX -> Float.NEGATIVE_INFINITY;
            case MIN -> Float.POSITIVE_INFINITY;
        };
        for (long i = 0; i < ySize; i++) {
            y.setAtIndex(F, i, identity);
        }
        long[] xStrides = strides(dims);
        long[] yStrides = strides(yDims);
        for (int d = 0; d < dims.length; d++) {
            if (reduced[d]) {
                yStrides[d] = 0;
            }
        }
        StridedRows rows = StridedRows.plan(dims, xStrides, yStrides);
        VectorOperators.Binary op = switch (kind) {
            case SUM, MEAN -> VectorOperators.ADD;
            case MAX -> VectorOperators.MAX;
            case MIN -> VectorOperators.MIN;
        };
        VectorOperators.Associative assoc = switch (kind) {
            case SUM, MEAN -> VectorOperators.ADD;
            case MAX -> VectorOperators.MAX;
            case MIN -> VectorOperators.MIN;
        };
        boolean intoScalar = rows.innerStride(1) == 0;
        rows.forEach((off, n) -> {
            if (intoScalar) {
                float v = reduceRow(kind, assoc, identity, x, off[0], n);
                y.setAtIndex(F, off[1], combine(kind, y.getAtIndex(F, off[1]), v));
            } else {
                accumulateRow(kind, op, x, off[0], y, off[1], n);
            }
        });
        if (kind == Kind.MEAN) {
            float scale = 1f / count;
            for (long i = 0; i < ySize; i++) {
                y.setAtIndex(F, i, y.getAtIndex(F, i) * scale);
            }
        }
    }

    private static float reduceRow(Kind kind, VectorOperators.Associative assoc, float identity, MemorySegment x,
                                   long off, long n) {
        int len = S.length();
        long bound = n - n % len;
        long i = 0;
        float acc = identity;
        if (bound > 0) {
            FloatVector va = FloatVector.broadcast(S, identity);
            for (; i < bound; i += len) {
                va = va.lanewise(assoc, FloatVector.fromMemorySegment(S, x, (off + i) * 4, LE));
            }
            acc = va.reduceLanes(assoc);
        }
        for (; i < n; i++) {
            acc = combine(kind, acc, x.getAtIndex(F, off + i));
        }
        return acc;
    }

    private static void accumulateRow(Kind kind, VectorOperators.Binary op, MemorySegment x, long xOff,
                                      MemorySegment y, long yOff, long n) {
        int len = S.length();
        long bound = n - n % len;
        long i = 0;
        for (; i < bound; i += len) {
            FloatVector vy = FloatVector.fromMemorySegment(S, y, (yOff + i) * 4, LE);
            vy.lanewise(op, FloatVector.fromMemorySegment(S, x, (xOff + i) * 4, LE)).intoMemorySegment(y, (yOff + i) * 4, LE);
        }
        for (; i < n; i++) {
            y.setAtIndex(F, yOff + i, combine(kind, y.getAtIndex(F, yOff + i), x.getAtIndex(F, xOff + i)));
        }
    }

    private static float combine(Kind kind, float acc, float v) {
        return switch (kind) {
            case SUM, MEAN -> acc + v;
            case MAX -> Math.max(acc, v);
            case MIN -> Math.min(acc, v);
        };
    }

    private static long[] strides(long[] dims) {
        long[] s = new long[dims.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            s[i] = acc;
            acc *= dims[i];
        }
        return s;
    }
}
