package dev.irbis.kernels.norm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Batch normalisation of x [n, c, spatial] (dense float32 from offset 0) into y (same layout),
 * per channel {@code y = (x - mean[ch]) / sqrt(var[ch] + eps) * scale[ch] + bias[ch]}.
 * Single-threaded.
 */
public final class BatchNorm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private BatchNorm() {
    }

    /**
     * Inference with given (running) statistics: folds each channel into {@code y = x * a + b}
     * with a and b computed in double, then applies that in float (vectorised).
     */
    public static void inference(MemorySegment x, MemorySegment y, int n, int c, long spatial,
                                 float[] scale, float[] bias, float[] mean, float[] var, double eps) {
        for (int ch = 0; ch < c; ch++) {
            double a = scale[ch] / Math.sqrt((double) var[ch] + eps);
            float af = (float) a;
            float bf = (float) (bias[ch] - mean[ch] * a);
            for (int img = 0; img < n; img++) {
                affine(x, y, ((long) img * c + ch) * spatial, spatial, af, bf);
            }
        }
    }

    /**
     * Training-mode statistics: mean and biased variance of each channel over the batch and the
     * spatial positions, computed in double, written to {@code meanOut} and {@code varOut} (length c).
     */
    public static void batchStatistics(MemorySegment x, int n, int c, long spatial, double[] meanOut, double[] varOut) {
        for (int ch = 0; ch < c; ch++) {
            double[] mv = Moments.of(x, (long) ch * spatial, n, spatial, (long) c * spatial);
            meanOut[ch] = mv[0];
            varOut[ch] = mv[1];
        }
    }

    /** Normalises with batch statistics (double precision throughout), as training mode does. */
    public static void withStatistics(MemorySegment x, MemorySegment y, int n, int c, long spatial,
                                      float[] scale, float[] bias, double[] mean, double[] var, double eps) {
        for (int ch = 0; ch < c; ch++) {
            double invStd = 1.0 / Math.sqrt(var[ch] + eps);
            for (int img = 0; img < n; img++) {
                Normalize.run(x, y, ((long) img * c + ch) * spatial, spatial, mean[ch], invStd, scale[ch], bias[ch]);
            }
        }
    }

    private static void affine(MemorySegment x, MemorySegment y, long offset, long len, float a, float b) {
        FloatVector av = FloatVector.broadcast(S, a);
        FloatVector bv = FloatVector.broadcast(S, b);
        long i = 0;
        long bound = len - len % S.length();
        for (; i < bound; i += S.length()) {
            long at = (offset + i) * 4;
            FloatVector.fromMemorySegment(S, x, at, LE).fma(av, bv).intoMemorySegment(y, at, LE);
        }
        for (; i < len; i++) {
            y.setAtIndex(F, offset + i, Math.fma(x.getAtIndex(F, offset + i), a, b));
        }
    }
}
