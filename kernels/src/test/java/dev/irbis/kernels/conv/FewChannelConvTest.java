package dev.irbis.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The direct few-channel convolution and its fused epilogue against the double-accumulating {@link DirectConv}. */
class FewChannelConvTest {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT;

    /**
     * Output widths are given as columns past one full tile ({@link FewChannelConv#TILE}, 16 or 32 floats by the
     * vector width), so the same cases exercise a ragged last tile on any machine. The input is the least that
     * gives the output, plus {@code extraIn} rows and columns that no window reads (as in ResNet's stem).
     */
    @ParameterizedTest(name = "n={0} c={1} m={2} k={3}x{4} s={5}x{6} d={7}x{8} pads t{9} l{10} b{11} r{12} outH={13} "
            + "outW=TILE+{14} extraIn={15} bias={16} res={17} relu={18}")
    @CsvSource({
        // n, c, m, kH, kW, sH, sW, dH, dW, padTop, padLeft, padBottom, padRight, outH, extraW, extraIn, bias, res, relu
        "1, 3, 64, 7, 7, 2, 2, 1, 1, 3, 3, 3, 3, 32, 16, 1, true, false, true",  // ResNet's stem on a 64x64 image
        "2, 3, 9, 7, 7, 2, 2, 1, 1, 3, 3, 2, 2, 5, 3, 0, true, true, true",      // batch 2, ragged channels and columns
        "1, 1, 4, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 4, 0, 0, false, false, false",   // one channel, exactly one tile per row
        "1, 4, 5, 5, 5, 3, 3, 1, 1, 2, 0, 1, 2, 3, 7, 2, true, false, false",    // stride 3, asymmetric pads, m = 4 + 1
        "1, 2, 7, 3, 3, 2, 2, 2, 2, 1, 2, 0, 1, 6, 1, 0, false, true, true",     // dilation 2 at stride 2: one phase
        "1, 3, 6, 3, 3, 3, 3, 2, 2, 1, 1, 1, 1, 4, 2, 1, true, false, false",    // dilation 2 at stride 3: all phases
        "1, 3, 6, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 2, 5, 0, true, false, false",    // pointwise
        "1, 3, 8, 3, 3, 2, 2, 1, 1, 4, 5, 4, 5, 7, 9, 0, true, false, true",     // pads past the kernel's reach
        "3, 3, 13, 4, 4, 2, 2, 1, 1, 1, 1, 2, 2, 3, 20, 1, false, false, false", // even kernel, more than two tiles
        "1, 3, 10, 7, 3, 2, 3, 1, 2, 3, 1, 2, 0, 5, 4, 1, true, true, false",    // every H and W parameter differs
        "2, 2, 4, 2, 5, 3, 2, 3, 1, 0, 2, 1, 2, 4, 1, 1, false, false, true",    // and the other way round
    })
    void matchesDirect(int n, int c, int m, int kH, int kW, int sH, int sW, int dH, int dW, int pt, int pl, int pb,
                       int pr, int outH, int extraW, int extraIn, boolean bias, boolean residual, boolean relu) {
        check(n, c, m, kH, kW, sH, sW, dH, dW, pt, pl, pb, pr, outH, FewChannelConv.TILE + extraW, extraIn, bias,
                residual, relu);
    }

    /**
     * Rows of at least {@link FewChannelConv#WIDE_TILE} outputs, where AVX-512 takes the 6-channel x 4-vector tiles
     * (with at least 6 output channels; other machines and m = 4 or 5 take the 4 x 2 tiles, checked the same way).
     */
    @ParameterizedTest(name = "wide n={0} c={1} m={2} k={3}x{4} s={5}x{6} outH={13} outW=WIDE_TILE+{14} m={2}")
    @CsvSource({
        "1, 3, 64, 7, 7, 2, 2, 1, 1, 3, 3, 3, 3, 3, 48, 1, true, false, true",   // ResNet's stem row: 112 outputs
        "2, 3, 13, 7, 7, 2, 2, 1, 1, 3, 3, 2, 2, 2, 5, 0, true, true, true",     // ragged: channel block and tile overlap
        "1, 2, 6, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1, 3, 0, 0, false, false, false",   // one block, one tile per row
        "1, 4, 5, 5, 5, 3, 3, 1, 1, 2, 0, 1, 2, 2, 7, 2, true, false, false",    // m = 5: the 4-channel tiles
        "1, 3, 7, 3, 3, 2, 2, 2, 2, 1, 2, 0, 1, 2, 33, 0, false, true, true",    // dilation, two wide tiles + overlap
    })
    void wideRowsMatchDirect(int n, int c, int m, int kH, int kW, int sH, int sW, int dH, int dW, int pt, int pl,
                             int pb, int pr, int outH, int extraW, int extraIn, boolean bias, boolean residual,
                             boolean relu) {
        check(n, c, m, kH, kW, sH, sW, dH, dW, pt, pl, pb, pr, outH, FewChannelConv.WIDE_TILE + extraW, extraIn, bias,
                residual, relu);
    }

    private static void check(int n, int c, int m, int kH, int kW, int sH, int sW, int dH, int dW, int pt, int pl,
                              int pb, int pr, int outH, int outW, int extraIn, boolean bias, boolean residual,
                              boolean relu) {
        int inH = (outH - 1) * sH + (kH - 1) * dH + 1 - pt - pb + extraIn;
        int inW = (outW - 1) * sW + (kW - 1) * dW + 1 - pl - pr + extraIn;
        assertTrue(inH >= 1 && inW >= 1, "test case needs a larger output");
        // extraIn below the stride keeps the output size; check it, so the case tests what it says.
        assertTrue(extraIn < Math.min(sH, sW) || extraIn == 0, "extraIn must stay below the stride");
        WindowGeometry g = WindowGeometry.of(new long[] {inH, inW}, new long[] {kH, kW}, new long[] {sH, sW},
                new long[] {dH, dW}, new long[] {pt, pl}, new long[] {pb, pr}, new long[] {outH, outW});
        assertTrue(FewChannelConv.supports(g, c, m, 1));
        Random rnd = new Random(n * 1000L + c * 31L + m * 7L + kH * 3L + kW);
        try (Arena arena = Arena.ofShared(); ThreadBudget two = new ThreadBudget(2)) {
            MemorySegment x = random(arena, (long) n * c * g.inSize(), rnd);
            MemorySegment w = random(arena, (long) m * c * kH * kW, rnd);
            MemorySegment b = bias ? random(arena, m, rnd) : null;
            long ySize = (long) n * m * g.outSize();
            MemorySegment r = residual ? random(arena, ySize, rnd) : null;
            MemorySegment plain = arena.allocate(ySize * 4, 64);
            DirectConv.run(x, w, b, plain, n, c, m, 1, g);
            FewChannelConv.PackedWeights packed = FewChannelConv.packWeights(w, m, c, g);
            ConvEpilogue ep = new ConvEpilogue(b, r, relu);
            for (ThreadBudget budget : new ThreadBudget[] {ThreadBudget.SINGLE, two}) {
                MemorySegment y = arena.allocate(ySize * 4, 64);
                y.fill((byte) 0x7f); // garbage: every element must be written
                MemorySegment phases = arena.allocate(FewChannelConv.phaseFloats(c, g) * 4, 64);
                phases.fill((byte) 0x7f); // scratch arrives uninitialised: padding must be written as zeros
                FewChannelConv.run(budget, x, packed, ep, y, n, c, m, g, phases);
                for (long i = 0; i < ySize; i++) {
                    double e = plain.getAtIndex(F, i) + (r == null ? 0 : r.getAtIndex(F, i));
                    e = relu ? Math.max(0, e) : e;
                    double got = y.getAtIndex(F, i);
                    // Float accumulation over at most 4 x 7 x 7 = 196 products of values in [-1, 1]: a few 1e-6.
                    assertTrue(Math.abs(e - got) <= 1e-5 * (1 + Math.abs(e)),
                            "threads " + budget.threads() + ", element " + i + ": " + got + " vs " + e);
                }
            }
        }
    }

    @Test
    void declinesWhatItDoesNotHandle() {
        WindowGeometry stem = geometry(64, 7, 2, 3);
        assertTrue(FewChannelConv.supports(stem, 3, 64, 1));
        assertFalse(FewChannelConv.supports(stem, FewChannelConv.MAX_CHANNELS + 1, 64, 1), "too many input channels");
        assertFalse(FewChannelConv.supports(stem, 4, 64, 2), "groups");
        assertFalse(FewChannelConv.supports(stem, 3, FewChannelConv.CHANNELS - 1, 1), "fewer outputs than a block");
        int narrow = FewChannelConv.TILE - 1;
        assertFalse(FewChannelConv.supports(geometry(narrow, 3, 1, 1), 3, 64, 1), "rows narrower than a tile");
        WindowGeometry threeD = WindowGeometry.of(new long[] {4, 40, 40}, new long[] {3, 3, 3}, new long[] {1, 1, 1},
                new long[] {1, 1, 1}, new long[] {1, 1, 1}, new long[] {1, 1, 1}, new long[] {4, 40, 40});
        assertFalse(FewChannelConv.supports(threeD, 3, 8, 1), "3-D");
    }

    @Test
    void rejectsShortScratchAndMismatchedWeights() {
        WindowGeometry g = geometry(40, 3, 1, 1);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = arena.allocate(3L * 40 * 40 * 4);
            MemorySegment y = arena.allocate(8L * 40 * 40 * 4);
            FewChannelConv.PackedWeights packed = FewChannelConv.packWeights(arena.allocate(8L * 3 * 9 * 4), 8, 3, g);
            MemorySegment shortScratch = arena.allocate(FewChannelConv.phaseFloats(3, g) * 4 - 4);
            assertThrows(IllegalArgumentException.class, () -> FewChannelConv.run(ThreadBudget.SINGLE, x, packed,
                    ConvEpilogue.NONE, y, 1, 3, 8, g, shortScratch));
            MemorySegment phases = arena.allocate(FewChannelConv.phaseFloats(3, g) * 4);
            // Packed for 8 outputs, used for 5 (the same number of channel blocks) or for 12.
            assertThrows(IllegalArgumentException.class, () -> FewChannelConv.run(ThreadBudget.SINGLE, x, packed,
                    ConvEpilogue.NONE, y, 1, 3, 5, g, phases));
            assertThrows(IllegalArgumentException.class, () -> FewChannelConv.run(ThreadBudget.SINGLE, x, packed,
                    ConvEpilogue.NONE, y, 1, 3, 12, g, phases));
        }
    }

    /** A square window over a square input with symmetric padding. */
    private static WindowGeometry geometry(int size, int k, int s, int p) {
        int out = (size + 2 * p - k) / s + 1;
        return WindowGeometry.of(new long[] {size, size}, new long[] {k, k}, new long[] {s, s}, new long[] {1, 1},
                new long[] {p, p}, new long[] {p, p}, new long[] {out, out});
    }

    private static MemorySegment random(Arena arena, long n, Random rnd) {
        MemorySegment s = arena.allocate(Math.max(n, 1) * 4, 64);
        for (long i = 0; i < n; i++) {
            s.setAtIndex(F, i, rnd.nextFloat() * 2 - 1);
        }
        return s;
    }
}
