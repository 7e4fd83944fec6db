package dev.irbis.kernels.softmax;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import dev.irbis.kernels.reduce.LaneSum;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Softmax and log-softmax over the middle axis of a contiguous float32 tensor viewed as
 * {@code [outer, n, inner]}. Numerically stable: the maximum is subtracted before exponentiating,
 * so large inputs do not overflow. {@code x} and {@code y} are contiguous and may be the same
 * segment. Single-threaded.
 */
public final class Softmax {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private Softmax() {
    }

    public static void apply(MemorySegment x, MemorySegment y, long outer, long n, long inner, boolean log) {
        if (n == 0) {
            return;
        }
        for (long o = 0; o < outer; o++) {
            if (inner == 1) {
                contiguousRow(x, y, o * n, n, log);
            } else {
                for (long j = 0; j < inner; j++) {
                    stridedRow(x, y, o * n * inner + j, n, inner, log);
                }
            }
        }
    }

    private static void contiguousRow(MemorySegment x, MemorySegment y, long off, long n, boolean log) {
        int len = S.length();
        long bound = n - n % len;
        float max = Float.NEGATIVE_INFINITY;
        long i = 0;
        if (bound > 0) {
            FloatVector vm = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
            for (; i < bound; i += len) {
                vm = vm.max(FloatVector.fromMemorySegment(S, x, (off + i) * 4, LE));
            }
            max = vm.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            max = Math.max(max, x.getAtIndex(F, off + i));
        }
        // exp(x - max) into y (softmax) or only summed (log-softmax).
        FloatVector vmax = FloatVector.broadcast(S, max);
        FloatVector vsum = FloatVector.zero(S);
        float sum = 0;
        for (i = 0; i < bound; i += len) {
            FloatVector e = FloatVector.fromMemorySegment(S, x, (off + i) * 4, LE).sub(vmax).lanewise(VectorOperators.EXP);
            vsum = vsum.add(e);
            if (!log) {
                e.intoMemorySegment(y, (off + i) * 4, LE);
            }
        }
        for (; i < n; i++) {
            float e = (float) Math.exp(x.getAtIndex(F, off + i) - max);
            sum += e;
            if (!log) {
                y.setAtIndex(F, off + i, e);
            }
        }
        sum += LaneSum.of(vsum);
        if (log) {
            // (x - max) - log(sum), not x - (max + log(sum)): the latter rounds at the magnitude of x.
            float logSum = (float) Math.log(sum);
            FloatVector vlog = FloatVector.broadcast(S, logSum);
            for (i = 0; i < bound; i += len) {
                FloatVector.fromMemorySegment(S, x, (off + i) * 4, LE).sub(vmax).sub(vlog)
                        .intoMemorySegment(y, (off + i) * 4, LE);
            }
            for (; i < n; i++) {
                y.setAtIndex(F, off + i, (x.getAtIndex(F, off + i) - max) - logSum);
            }
        } else {
            float inv = 1f / sum;
            for (i = 0; i < bound; i += len) {
                FloatVector.fromMemorySegment(S, y, (off + i) * 4, LE).mul(inv).intoMemorySegment(y, (off + i) * 4, LE);
            }
            for (; i < n; i++) {
                y.setAtIndex(F, off + i, y.getAtIndex(F, off + i) * inv);
            }
        }
    }

    /** Scalar path for an axis that is not innermost: elements {@code off + k*stride}. Also the test twin. */
    public static void stridedRow(MemorySegment x, MemorySegment y, long off, long n, long stride, boolean log) {
        float max = Float.NEGATIVE_INFINITY;
        for (long k = 0; k < n; k++) {
            max = Math.max(max, x.getAtIndex(F, off + k * stride));
        }
        double sum = 0;
        for (long k = 0; k < n; k++) {
            sum += Math.exp(x.getAtIndex(F, off + k * stride) - max);
        }
        double logSum = Math.log(sum);
        for (long k = 0; k < n; k++) {
            double v = (double) x.getAtIndex(F, off + k * stride) - max - logSum;
            y.setAtIndex(F, off + k * stride, (float) (log ? v : Math.exp(v)));
        }
    }
}
