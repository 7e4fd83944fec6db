package dev.irbis.kernels.norm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Writes {@code y[i] = (x[i] - mean) * invStd * scale + shift} over a contiguous float32 run of
 * {@code len} elements at element {@code offset} of both x and y. The centring and scaling happen
 * in double, so a large mean cancels exactly before anything is rounded to float.
 */
public final class Normalize {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private Normalize() {
    }

    public static void run(MemorySegment x, MemorySegment y, long offset, long len,
                           double mean, double invStd, float scale, float shift) {
        double k = invStd * scale;
        for (long i = offset, end = offset + len; i < end; i++) {
            y.setAtIndex(F, i, (float) ((x.getAtIndex(F, i) - mean) * k + shift));
        }
    }
}
