package dev.irbis.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.kernels.gemm.Gemm;
import dev.irbis.kernels.gemm.OpenBlasGemm;
import dev.irbis.kernels.gemm.ScalarGemm;
import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Winograd F(4x4, 3x3) and F(2x2, 3x3) and the fused epilogue against the double-accumulating {@link DirectConv}. */
class WinogradConvTest {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT;

    @ParameterizedTest(name = "n={0} c={1} m={2} {3}x{4} pads t{5} l{6} b{7} r{8} bias={9} res={10} relu={11}")
    @CsvSource({
        // n, c, m, inH, inW, padTop, padLeft, padBottom, padRight, bias, residual, relu
        "1, 3, 5, 3, 3, 0, 0, 0, 0, false, false, false",    // one output
        "1, 17, 9, 7, 7, 1, 1, 1, 1, true, false, true",     // ResNet's 7x7 shape, odd channels
        "2, 19, 21, 13, 11, 1, 1, 1, 1, true, true, true",   // batch 2, H/W not multiples of 4
        "2, 8, 33, 10, 9, 0, 0, 0, 0, false, true, false",   // no padding
        "1, 5, 6, 9, 14, 0, 1, 2, 0, true, false, false",    // asymmetric pads
        "1, 16, 16, 58, 30, 1, 1, 1, 1, true, true, true",   // more tiles than a vector's width per row
        "2, 4, 3, 5, 6, 2, 3, 1, 2, false, false, true",     // pads larger than the kernel reach
        "1, 20, 13, 28, 28, 1, 1, 1, 1, true, false, true",  // 49 tiles: three full panels and a half one
        "3, 12, 64, 21, 17, 1, 1, 1, 1, true, true, false",  // images' tiles straddle vectors and panels
        "1, 64, 64, 56, 56, 1, 1, 1, 1, true, true, true",   // ResNet's first stage
    })
    void matchesDirect(int n, int c, int m, int inH, int inW, int pt, int pl, int pb, int pr,
                       boolean bias, boolean residual, boolean relu) {
        WindowGeometry g = WindowGeometry.of(new long[] {inH, inW}, new long[] {3, 3}, new long[] {1, 1},
                new long[] {1, 1}, new long[] {pt, pl}, new long[] {pb, pr},
                new long[] {inH + pt + pb - 2, inW + pl + pr - 2});
        assertTrue(WinogradConv.supports(g));
        for (WinogradTile tile : WinogradTile.values()) {
            check(tile, n, c, m, g, bias, residual, relu);
        }
    }

    @ParameterizedTest(name = "{0} n={1} {2}x{2}: {3} per pass")
    @CsvSource({
        "F4X4, 8, 56, 1",   // 196 tiles per image: enough alone
        "F4X4, 8, 28, 4",   // 49 tiles: four images reach 192
        "F4X4, 8, 14, 8",   // 16 tiles: 12 would be needed, so the whole batch
        "F4X4, 3, 28, 3",
        "F2X2, 8, 28, 1",   // F(2x2) covers 28 x 28 in 196 tiles
        "F2X2, 8, 7, 8",
        "F4X4, 1, 7, 1",
    })
    void imagesPerPassGathersEnoughTilesAndNoMore(WinogradTile tile, int n, int size, int expected) {
        WindowGeometry g = WindowGeometry.of(new long[] {size, size}, new long[] {3, 3}, new long[] {1, 1},
                new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, new long[] {size, size});
        assertEquals(expected, WinogradConv.imagesPerPass(tile, n, g));
    }

    private static void check(WinogradTile tile, int n, int c, int m, WindowGeometry g, boolean bias, boolean residual,
                              boolean relu) {
        Random rnd = new Random(n * 1000L + c * 31L + m);
        try (Arena arena = Arena.ofShared()) {
            MemorySegment x = random(arena, (long) n * c * g.inSize(), rnd);
            MemorySegment w = random(arena, (long) m * c * 9, rnd);
            MemorySegment b = bias ? random(arena, m, rnd) : null;
            long ySize = (long) n * m * g.outSize();
            MemorySegment r = residual ? random(arena, ySize, rnd) : null;
            double[] expected = reference(arena, x, w, b, r, relu, n, c, m, g);
            float[] u = WinogradWeights.pack(tile, w, m, c);
            ConvEpilogue ep = new ConvEpilogue(b, r, relu);
            double scale = 0;
            for (double e : expected) {
                scale = Math.max(scale, Math.abs(e));
            }
            try (ThreadBudget two = new ThreadBudget(2)) {
                for (ThreadBudget budget : new ThreadBudget[] {ThreadBudget.SINGLE, two}) {
                    MemorySegment y = arena.allocate(ySize * 4, 64);
                    y.fill((byte) 0x7f); // garbage: every element must be written
                    MemorySegment v = arena.allocate(WinogradConv.inputScratchFloats(tile, n, c, g) * 4, 64);
                    MemorySegment p = arena.allocate(WinogradConv.productScratchFloats(tile, n, m, g) * 4, 64);
                    v.fill((byte) 0x7f); // scratch arrives uninitialised: padding must not leak in
                    p.fill((byte) 0x7f);
                    WinogradConv.run(budget, tile, x, u, ep, y, n, c, m, g, v, p);
                    double err = maxError(expected, y);
                    System.out.printf("winograd %s n=%d c=%d m=%d %dx%d threads %d: max error %.3g, relative %.3g%n",
                            tile, n, c, m, g.inH, g.inW, budget.threads(), err, err / Math.max(1, scale));
                    // F(4x4, 3x3) in float32 measures 2e-7 to 3e-6 of the output scale here (im2col + GEMM:
                    // about 1e-7); a wrong transform coefficient or tile offset gives errors of order 1.
                    assertTrue(err <= 1e-5 * Math.max(1, scale), tile + ", threads " + budget.threads()
                            + ": max error " + err + " at scale " + scale);
                }
            }
        }
    }

    /** Im2col + GEMM with the same epilogue, for the shapes Winograd does not take (stride 2, 1x1 stride 2, groups). */
    @ParameterizedTest(name = "gemm n={0} c={1} m={2} g={3} {4}x{5} k={6} s={7} p={8}")
    @CsvSource({
        "2, 6, 10, 1, 9, 11, 1, 2, 0",    // ResNet's downsample 1x1 stride 2
        "1, 6, 4, 2, 9, 7, 3, 2, 1",      // grouped 3x3 stride 2
        "2, 5, 7, 1, 6, 6, 1, 1, 0",      // pointwise
        "1, 3, 9, 1, 15, 13, 7, 2, 3",    // stem
    })
    void gemmPathEpilogueMatchesDirect(int n, int c, int m, int group, int inH, int inW, int k, int s, int p) {
        long oh = (inH + 2L * p - k) / s + 1;
        long ow = (inW + 2L * p - k) / s + 1;
        WindowGeometry g = WindowGeometry.of(new long[] {inH, inW}, new long[] {k, k}, new long[] {s, s},
                new long[] {1, 1}, new long[] {p, p}, new long[] {p, p}, new long[] {oh, ow});
        Random rnd = new Random(7L * c + m);
        try (Arena arena = Arena.ofShared(); ThreadBudget two = new ThreadBudget(2)) {
            MemorySegment x = random(arena, (long) n * c * g.inSize(), rnd);
            MemorySegment w = random(arena, (long) m * (c / group) * g.kernelSize(), rnd);
            MemorySegment b = random(arena, m, rnd);
            long ySize = (long) n * m * g.outSize();
            MemorySegment r = random(arena, ySize, rnd);
            MemorySegment plain = arena.allocate(ySize * 4, 64);
            DirectConv.run(x, w, b, plain, n, c, m, group, g);
            long scratch = ConvGemm.scratchFloats(c, group, g);
            MemorySegment col = scratch == 0 ? null : arena.allocate(scratch * 4, 64);
            MemorySegment y = arena.allocate(ySize * 4, 64);
            ConvGemm.run(OpenBlasGemm.instance(), two, x, w, new ConvEpilogue(b, r, true), y, n, c, m, group, g, col);
            for (long i = 0; i < ySize; i++) {
                double e = Math.max(0, plain.getAtIndex(F, i) + r.getAtIndex(F, i));
                double got = y.getAtIndex(F, i);
                assertTrue(Math.abs(e - got) <= 1e-4 * (1 + Math.abs(e)), "element " + i + ": " + got + " vs " + e);
            }
        }
    }

    private static double[] reference(Arena arena, MemorySegment x, MemorySegment w, MemorySegment b, MemorySegment r,
                                      boolean relu, int n, int c, int m, WindowGeometry g) {
        long ySize = (long) n * m * g.outSize();
        MemorySegment y = arena.allocate(ySize * 4, 64);
        DirectConv.run(x, w, b, y, n, c, m, 1, g);
        double[] out = new double[(int) ySize];
        for (int i = 0; i < ySize; i++) {
            double v = y.getAtIndex(F, i) + (r == null ? 0 : r.getAtIndex(F, i));
            out[i] = relu ? Math.max(0, v) : v;
        }
        return out;
    }

    private static double maxError(double[] expected, MemorySegment y) {
        double err = 0;
        for (int i = 0; i < expected.length; i++) {
            err = Math.max(err, Math.abs(expected[i] - y.getAtIndex(F, i)));
        }
        return err;
    }

    private static MemorySegment random(Arena arena, long n, Random rnd) {
        MemorySegment s = arena.allocate(Math.max(n, 1) * 4, 64);
        for (long i = 0; i < n; i++) {
            s.setAtIndex(F, i, rnd.nextFloat() * 2 - 1);
        }
        return s;
    }
}
