package dev.irbis.kernels.norm;

import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.MemorySegment;

/**
 * Group normalisation of x [n, c, spatial] (dense float32 from offset 0) into y (same layout):
 * the channels of each image are split into {@code groups} consecutive groups of c / groups
 * channels; each group is centred by its mean and scaled by 1 / sqrt(biased variance + eps), then
 * channel {@code ch} gets {@code * gamma[ch] + beta[ch]}. Statistics are computed in double.
 * Instance normalisation is the case groups == c. Optionally followed by ReLU; parallel over
 * (image, group) pairs on the given threads.
 */
public final class GroupNorm {
    private GroupNorm() {
    }

    public static void run(MemorySegment x, MemorySegment y, int n, int c, long spatial, int groups,
                           float[] gamma, float[] beta, double eps) {
        run(x, y, n, c, spatial, groups, gamma, beta, eps, false, ThreadBudget.SINGLE);
    }

    public static void run(MemorySegment x, MemorySegment y, int n, int c, long spatial, int groups,
                           float[] gamma, float[] beta, double eps, boolean relu, ThreadBudget threads) {
        int cg = c / groups;
        long groupLen = cg * spatial;
        threads.parallelRange((long) n * groups, 1, (start, end) -> {
            for (long ig = start; ig < end; ig++) {
                int img = (int) (ig / groups);
                int gr = (int) (ig % groups);
                long base = ((long) img * c + (long) gr * cg) * spatial;
                double[] mv = Moments.of(x, base, groupLen);
                double invStd = 1.0 / Math.sqrt(mv[1] + eps);
                for (int j = 0; j < cg; j++) {
                    int ch = gr * cg + j;
                    Normalize.run(x, y, base + j * spatial, spatial, mv[0], invStd, gamma[ch], beta[ch], relu);
                }
            }
        });
    }
}
