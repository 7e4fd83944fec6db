package dev.irbis.kernels.norm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import dev.irbis.kernels.reduce.LaneSum;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Mean and biased variance of float32 data in two vectorised passes that stay accurate for inputs
 * with a large mean: pass one sums {@code x - x0} (x0 the first element), pass two sums
 * {@code d = x - mean} and {@code d * d} with the mean split into two floats, and the variance is
 * corrected by the residual mean of d. Float lanes accumulate at most {@link #CHUNK} elements before
 * being added to double totals. The data is {@code blocks} runs of {@code blockLen} contiguous floats,
 * run {@code b} starting at element {@code offset + b * blockStride}.
 */
public final class Moments {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** Elements per float partial sum: bounds the float rounding error before it reaches a double. */
    static final int CHUNK = 1024;

    private Moments() {
    }

    /** Returns {mean, biased variance}; {NaN, NaN} for no elements. */
    public static double[] of(MemorySegment x, long offset, long blocks, long blockLen, long blockStride) {
        long count = blocks * blockLen;
        if (count == 0) {
            return new double[] {Double.NaN, Double.NaN};
        }
        float x0 = x.getAtIndex(F, offset);
        double shifted = 0;
        for (long b = 0; b < blocks; b++) {
            shifted += sumShifted(x, offset + b * blockStride, blockLen, x0);
        }
        double mean = x0 + shifted / count;
        float hi = (float) mean;
        float lo = (float) (mean - hi);
        double sumD = 0;
        double sumSq = 0;
        for (long b = 0; b < blocks; b++) {
            double[] r = sumCentred(x, offset + b * blockStride, blockLen, hi, lo);
            sumD += r[0];
            sumSq += r[1];
        }
        double residual = sumD / count;
        return new double[] {mean + residual, Math.max(0, sumSq / count - residual * residual)};
    }

    /** Moments of one contiguous run. */
    public static double[] of(MemorySegment x, long offset, long len) {
        return of(x, offset, 1, len, len);
    }

    private static double sumShifted(MemorySegment x, long offset, long len, float x0) {
        double total = 0;
        FloatVector v0 = FloatVector.broadcast(S, x0);
        for (long start = 0; start < len; start += CHUNK) {
            int n = (int) Math.min(CHUNK, len - start);
            long base = offset + start;
            FloatVector acc = FloatVector.zero(S);
            int i = 0;
            for (int bound = S.loopBound(n); i < bound; i += S.length()) {
                acc = acc.add(FloatVector.fromMemorySegment(S, x, (base + i) * 4, LE).sub(v0));
            }
            double part = LaneSum.ofDouble(acc);
            for (; i < n; i++) {
                part += x.getAtIndex(F, base + i) - x0;
            }
            total += part;
        }
        return total;
    }

    private static double[] sumCentred(MemorySegment x, long offset, long len, float hi, float lo) {
        double totalD = 0;
        double totalSq = 0;
        FloatVector vh = FloatVector.broadcast(S, hi);
        FloatVector vl = FloatVector.broadcast(S, lo);
        for (long start = 0; start < len; start += CHUNK) {
            int n = (int) Math.min(CHUNK, len - start);
            long base = offset + start;
            FloatVector accD = FloatVector.zero(S);
            FloatVector accSq = FloatVector.zero(S);
            int i = 0;
            for (int bound = S.loopBound(n); i < bound; i += S.length()) {
                FloatVector d = FloatVector.fromMemorySegment(S, x, (base + i) * 4, LE).sub(vh).sub(vl);
                accD = accD.add(d);
                accSq = d.fma(d, accSq);
            }
            double partD = LaneSum.ofDouble(accD);
            double partSq = LaneSum.ofDouble(accSq);
            for (; i < n; i++) {
                double d = (double) x.getAtIndex(F, base + i) - hi - lo;
                partD += d;
                partSq += d * d;
            }
            totalD += partD;
            totalSq += partSq;
        }
        return new double[] {totalD, totalSq};
    }
}
