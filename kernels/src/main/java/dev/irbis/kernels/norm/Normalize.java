package dev.irbis.kernels.norm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Writes {@code y[i] = (x[i] - mean) * invStd * scale + shift} (then max(0, .) when {@code relu}) over a contiguous float32 run of
 * {@code len} elements at element {@code offset} of both x and y (vectorised; x and y may be the
 * same segment). The mean is subtracted as two floats (its float value, then the rounding
 * remainder), so a large mean cancels without losing the small differences that remain.
 */
public final class Normalize {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private Normalize() {
    }

    public static void run(MemorySegment x, MemorySegment y, long offset, long len,
                           double mean, double invStd, float scale, float shift) {
        run(x, y, offset, len, mean, invStd, scale, shift, false);
    }

    public static void run(MemorySegment x, MemorySegment y, long offset, long len,
                           double mean, double invStd, float scale, float shift, boolean relu) {
        float hi = (float) mean;
        float lo = (float) (mean - hi);
        float k = (float) (invStd * scale);
        FloatVector vh = FloatVector.broadcast(S, hi);
        FloatVector vl = FloatVector.broadcast(S, lo);
        FloatVector vk = FloatVector.broadcast(S, k);
        FloatVector vs = FloatVector.broadcast(S, shift);
        float floor = relu ? 0f : Float.NEGATIVE_INFINITY;
        FloatVector vf = FloatVector.broadcast(S, floor);
        long i = 0;
        long bound = len - len % S.length();
        for (; i < bound; i += S.length()) {
            long at = (offset + i) * 4;
            FloatVector.fromMemorySegment(S, x, at, LE).sub(vh).sub(vl).fma(vk, vs).max(vf).intoMemorySegment(y, at, LE);
        }
        for (; i < len; i++) {
            float v = Math.fma(x.getAtIndex(F, offset + i) - hi - lo, k, shift);
            y.setAtIndex(F, offset + i, v < floor ? floor : v);
        }
    }
}
