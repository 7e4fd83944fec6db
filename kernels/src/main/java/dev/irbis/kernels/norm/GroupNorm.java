package dev.irbis.kernels.norm;

import java.lang.foreign.MemorySegment;

/**
 * Group normalisation of x [n, c, spatial] (dense float32 from offset 0) into y (same layout):
 * the channels of each image are split into {@code groups} consecutive groups of c / groups
 * channels; each group is centred by its mean and scaled by 1 / sqrt(biased variance + eps), then
 * channel {@code ch} gets {@code * gamma[ch] + beta[ch]}. Statistics are computed in double.
 * Instance normalisation is the case groups == c. Single-threaded.
 */
public final class GroupNorm {
    private GroupNorm() {
    }

    public static void run(MemorySegment x, MemorySegment y, int n, int c, long spatial, int groups,
                           float[] gamma, float[] beta, double eps) {
        int cg = c / groups;
        long groupLen = cg * spatial;
        for (int img = 0; img < n; img++) {
            for (int gr = 0; gr < groups; gr++) {
                long base = ((long) img * c + (long) gr * cg) * spatial;
                double[] mv = Moments.of(x, base, groupLen);
                double invStd = 1.0 / Math.sqrt(mv[1] + eps);
                for (int j = 0; j < cg; j++) {
                    int ch = gr * cg + j;
                    Normalize.run(x, y, base + j * spatial, spatial, mv[0], invStd, gamma[ch], beta[ch]);
                }
            }
        }
    }
}
