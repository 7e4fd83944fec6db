package dev.irbis.kernels.norm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class NormKernelsTest {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT;

    private static MemorySegment random(Arena arena, long n, double mean, Random rnd) {
        MemorySegment s = arena.allocate(Math.max(n, 1) * 4, 64);
        for (long i = 0; i < n; i++) {
            s.setAtIndex(F, i, (float) (mean + rnd.nextGaussian()));
        }
        return s;
    }

    private static float[] randomArray(int n, Random rnd) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }

    /** Scalar twin: group norm straight from the definition, with a BigDecimal-free double two-pass. */
    private static double expectedGroupNorm(MemorySegment x, int img, int ch, long pos, int c, long spatial, int groups,
                                            float[] gamma, float[] beta, double eps) {
        int cg = c / groups;
        int gr = ch / cg;
        long base = ((long) img * c + (long) gr * cg) * spatial;
        long len = cg * spatial;
        double sum = 0;
        for (long i = 0; i < len; i++) {
            sum += x.getAtIndex(F, base + i);
        }
        double mean = sum / len;
        double sq = 0;
        for (long i = 0; i < len; i++) {
            double d = x.getAtIndex(F, base + i) - mean;
            sq += d * d;
        }
        double v = x.getAtIndex(F, ((long) img * c + ch) * spatial + pos);
        return (v - mean) / Math.sqrt(sq / len + eps) * gamma[ch] + beta[ch];
    }

    @ParameterizedTest(name = "n={0} c={1} spatial={2} groups={3} mean={4}")
    @CsvSource({"1, 4, 1, 2, 0", "2, 6, 17, 3, 0", "1, 32, 49, 32, 0", "2, 9, 13, 1, 0", "1, 8, 31, 4, 10000", "1, 4, 300, 2, 1000000"})
    void groupNormMatchesDefinition(int n, int c, long spatial, int groups, double mean) {
        Random rnd = new Random(n * 131L + c * 7L + spatial);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = random(arena, n * c * spatial, mean, rnd);
            MemorySegment y = arena.allocate(n * c * spatial * 4, 64);
            float[] gamma = randomArray(c, rnd);
            float[] beta = randomArray(c, rnd);
            GroupNorm.run(x, y, n, c, spatial, groups, gamma, beta, 1e-5);
            for (int img = 0; img < n; img++) {
                for (int ch = 0; ch < c; ch++) {
                    for (long p = 0; p < spatial; p++) {
                        double e = expectedGroupNorm(x, img, ch, p, c, spatial, groups, gamma, beta, 1e-5);
                        // Large-mean inputs must stay as accurate as small-mean ones.
                        assertEquals(e, y.getAtIndex(F, ((long) img * c + ch) * spatial + p), 2e-5 * (1 + Math.abs(e)));
                    }
                }
            }
        }
    }

    @ParameterizedTest(name = "outer={0} inner={1} mean={2}")
    @CsvSource({"1, 1, 0", "3, 7, 0", "5, 33, 0", "2, 64, 5000"})
    void layerNormMatchesDefinition(long outer, int inner, double mean) {
        Random rnd = new Random(outer * 17 + inner);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = random(arena, outer * inner, mean, rnd);
            MemorySegment y = arena.allocate(outer * inner * 4, 64);
            MemorySegment means = arena.allocate(outer * 4);
            MemorySegment inv = arena.allocate(outer * 4);
            float[] scale = randomArray(inner, rnd);
            float[] bias = randomArray(inner, rnd);
            LayerNorm.run(x, y, outer, inner, scale, bias, 1e-5, means, inv);
            float[] ones = new float[inner];
            java.util.Arrays.fill(ones, 1f);
            for (long r = 0; r < outer; r++) {
                // A row is one group of one channel with a per-element affine: compare element-wise.
                double s = 0;
                for (int j = 0; j < inner; j++) {
                    s += x.getAtIndex(F, r * inner + j);
                }
                double m = s / inner;
                double q = 0;
                for (int j = 0; j < inner; j++) {
                    double d = x.getAtIndex(F, r * inner + j) - m;
                    q += d * d;
                }
                double is = 1 / Math.sqrt(q / inner + 1e-5);
                assertEquals(m, means.getAtIndex(F, r), 1e-6 * (1 + Math.abs(m)));
                assertEquals(is, inv.getAtIndex(F, r), 1e-6 * is);
                for (int j = 0; j < inner; j++) {
                    double e = (x.getAtIndex(F, r * inner + j) - m) * is * scale[j] + bias[j];
                    assertEquals(e, y.getAtIndex(F, r * inner + j), 2e-5 * (1 + Math.abs(e)));
                }
            }
        }
    }

    @ParameterizedTest(name = "n={0} c={1} spatial={2}")
    @CsvSource({"1, 1, 1", "2, 3, 19", "3, 17, 8", "1, 5, 64"})
    void batchNormInferenceAndTrainingStatistics(int n, int c, long spatial) {
        Random rnd = new Random(n + c * 3L + spatial * 5);
        try (Arena arena = Arena.ofConfined()) {
            long size = n * c * spatial;
            MemorySegment x = random(arena, size, 3, rnd);
            MemorySegment y = arena.allocate(size * 4, 64);
            float[] scale = randomArray(c, rnd);
            float[] bias = randomArray(c, rnd);
            float[] mean = randomArray(c, rnd);
            float[] var = new float[c];
            for (int i = 0; i < c; i++) {
                var[i] = 0.5f + rnd.nextFloat();
            }
            BatchNorm.inference(x, y, n, c, spatial, scale, bias, mean, var, 1e-3);
            for (long i = 0; i < size; i++) {
                int ch = (int) (i / spatial % c);
                double e = (x.getAtIndex(F, i) - mean[ch]) / Math.sqrt(var[ch] + 1e-3) * scale[ch] + bias[ch];
                assertEquals(e, y.getAtIndex(F, i), 1e-5 * (1 + Math.abs(e)));
            }
            double[] bm = new double[c];
            double[] bv = new double[c];
            BatchNorm.batchStatistics(x, n, c, spatial, bm, bv);
            for (int ch = 0; ch < c; ch++) {
                double s = 0;
                double q = 0;
                for (int img = 0; img < n; img++) {
                    for (long p = 0; p < spatial; p++) {
                        s += x.getAtIndex(F, ((long) img * c + ch) * spatial + p);
                    }
                }
                double m = s / (n * spatial);
                for (int img = 0; img < n; img++) {
                    for (long p = 0; p < spatial; p++) {
                        double d = x.getAtIndex(F, ((long) img * c + ch) * spatial + p) - m;
                        q += d * d;
                    }
                }
                // Float partial sums inside the kernel: agree to well below float resolution.
                assertEquals(m, bm[ch], 1e-7 * (1 + Math.abs(m)));
                assertEquals(q / (n * spatial), bv[ch], 1e-7 * (1 + q / (n * spatial)));
            }
        }
    }
}
