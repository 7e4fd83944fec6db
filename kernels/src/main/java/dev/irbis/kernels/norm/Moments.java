package dev.irbis.kernels.norm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Mean and biased variance of float32 data, two passes with double accumulators so that inputs
 * with a large mean keep their precision. The data is {@code blocks} runs of {@code blockLen}
 * contiguous floats, run {@code b} starting at element {@code offset + b * blockStride}.
 */
public final class Moments {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private Moments() {
    }

    /** Returns {mean, biased variance}; {NaN, NaN} for no elements. */
    public static double[] of(MemorySegment x, long offset, long blocks, long blockLen, long blockStride) {
        double sum = 0;
        for (long b = 0; b < blocks; b++) {
            long base = offset + b * blockStride;
            for (long i = 0; i < blockLen; i++) {
                sum += x.getAtIndex(F, base + i);
            }
        }
        long count = blocks * blockLen;
        double mean = sum / count;
        double sq = 0;
        for (long b = 0; b < blocks; b++) {
            long base = offset + b * blockStride;
            for (long i = 0; i < blockLen; i++) {
                double d = x.getAtIndex(F, base + i) - mean;
                sq += d * d;
            }
        }
        return new double[] {mean, sq / count};
    }

    /** Moments of one contiguous run. */
    public static double[] of(MemorySegment x, long offset, long len) {
        return of(x, offset, 1, len, len);
    }
}
