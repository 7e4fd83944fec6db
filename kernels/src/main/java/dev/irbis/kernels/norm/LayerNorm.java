package dev.irbis.kernels.norm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Layer normalisation of x viewed as [outer, inner] (dense float32 from offset 0) into y: each
 * row is centred by its mean, scaled by 1 / sqrt(biased variance + eps), then element j gets
 * {@code * scale[j] + bias[j]} (bias may be null). When {@code mean} / {@code invStd} are not null
 * they receive each row's statistic as float32 ({@code outer} values). Statistics and the
 * normalisation are computed in double. Single-threaded.
 */
public final class LayerNorm {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private LayerNorm() {
    }

    public static void run(MemorySegment x, MemorySegment y, long outer, int inner, float[] scale, float[] bias,
                           double eps, MemorySegment mean, MemorySegment invStd) {
        for (long r = 0; r < outer; r++) {
            long base = r * inner;
            double[] mv = Moments.of(x, base, inner);
            double inv = 1.0 / Math.sqrt(mv[1] + eps);
            for (int j = 0; j < inner; j++) {
                double v = (x.getAtIndex(F, base + j) - mv[0]) * inv * scale[j];
                y.setAtIndex(F, base + j, (float) (bias == null ? v : v + bias[j]));
            }
            if (mean != null) {
                mean.setAtIndex(F, r, (float) mv[0]);
            }
            if (invStd != null) {
                invStd.setAtIndex(F, r, (float) inv);
            }
        }
    }
}
