package dev.irbis.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.kernels.gemm.Gemm;
import dev.irbis.kernels.gemm.OpenBlasGemm;
import dev.irbis.kernels.gemm.ParallelGemm;
import dev.irbis.kernels.gemm.ScalarGemm;
import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ConvGemmTest {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT;

    /** Output size along one dim for explicit pads, as the operator computes it. */
    private static long out(long in, long k, long s, long d, long pb, long pe) {
        return (in + pb + pe - ((k - 1) * d + 1)) / s + 1;
    }

    @ParameterizedTest(name = "2d n={0} c={1} m={2} g={3} {4}x{5} k={6}x{7} s={8} d={9} p={10},{11}")
    @CsvSource({
        // n, c, m, group, inH, inW, kH, kW, stride, dilation, padBegin, padEnd, bias
        "1, 3, 5, 1, 1, 1, 1, 1, 1, 1, 0, 0, false",      // 1x1 image, pointwise
        "2, 17, 9, 1, 6, 5, 1, 1, 1, 1, 0, 0, true",      // pointwise, batch 2, odd channels
        "1, 3, 8, 1, 23, 21, 7, 7, 2, 1, 3, 3, true",     // stem-like 7x7 stride 2
        "2, 6, 4, 2, 9, 11, 3, 3, 1, 1, 1, 1, false",     // groups
        "1, 13, 13, 13, 10, 7, 3, 3, 1, 1, 1, 1, true",   // depthwise
        "1, 12, 24, 12, 8, 8, 3, 3, 2, 1, 1, 0, false",   // depthwise multiplier 2, asymmetric pads
        "1, 5, 3, 1, 12, 13, 3, 2, 1, 2, 2, 1, true",     // dilation
        "3, 4, 6, 1, 5, 5, 1, 1, 2, 1, 0, 0, false",      // 1x1 stride 2 (not pointwise)
        "1, 7, 5, 1, 9, 8, 1, 1, 2, 1, 1, 0, true",       // 1x1 stride 2 with padding: rows read straight from x
        "2, 3, 4, 1, 7, 6, 1, 1, 3, 1, 0, 2, false",      // 1x1 stride 3, padding past the end
        "1, 2, 3, 1, 4, 4, 3, 3, 3, 2, 2, 3, true",       // padding larger than the image reach
        "1, 33, 17, 1, 7, 9, 3, 3, 1, 1, 0, 0, false",    // channels not a multiple of the vector width
        "1, 5, 6, 1, 9, 10, 3, 3, 1, 2, 2, 2, true",      // dilated "same": im2col's flat copy with dilation
        "2, 3, 4, 1, 6, 7, 2, 2, 1, 1, 1, 0, false",      // even kernel, asymmetric "same" padding
        "1, 4, 5, 1, 3, 3, 5, 5, 1, 1, 2, 2, true",       // taps entirely outside a tiny image
        "1, 9, 8, 1, 30, 31, 3, 3, 2, 1, 1, 1, true"      // 3x3 stride 2 (torchvision downsampling)
    })
    void conv2dMatchesDirect(int n, int c, int m, int group, int inH, int inW, int kH, int kW, int stride, int dil,
                             int pb, int pe, boolean bias) {
        long[] in = {inH, inW};
        long[] k = {kH, kW};
        long[] o = {out(inH, kH, stride, dil, pb, pe), out(inW, kW, stride, dil, pb, pe)};
        WindowGeometry g = WindowGeometry.of(in, k, new long[] {stride, stride}, new long[] {dil, dil},
                new long[] {pb, pb}, new long[] {pe, pe}, o);
        check(n, c, m, group, g, bias);
    }

    @ParameterizedTest(name = "1d n={0} c={1} m={2} g={3} w={4} k={5} s={6} d={7}")
    @CsvSource({"2, 3, 4, 1, 17, 3, 2, 1, 1", "1, 4, 4, 2, 9, 1, 1, 1, 0", "1, 5, 7, 1, 20, 4, 3, 2, 2"})
    void conv1dMatchesDirect(int n, int c, int m, int group, int w, int k, int s, int d, int p) {
        WindowGeometry g = WindowGeometry.of(new long[] {w}, new long[] {k}, new long[] {s}, new long[] {d},
                new long[] {p}, new long[] {p}, new long[] {out(w, k, s, d, p, p)});
        check(n, c, m, group, g, true);
    }

    @ParameterizedTest(name = "3d n={0} c={1} m={2} g={3}")
    @CsvSource({"1, 3, 4, 1, 5, 3, 1, 1, 1", "2, 4, 6, 2, 6, 2, 2, 1, 0", "1, 2, 3, 1, 7, 3, 1, 2, 2"})
    void conv3dMatchesDirect(int n, int c, int m, int group, int size, int k, int s, int d, int p) {
        long o = out(size, k, s, d, p, p);
        long o2 = out(size - 1, k, s, d, p, p);
        WindowGeometry g = WindowGeometry.of(new long[] {size, size - 1, size + 1}, new long[] {k, k, k},
                new long[] {s, s, s}, new long[] {d, d, d}, new long[] {p, p, p}, new long[] {p, p, p},
                new long[] {o, o2, out(size + 1, k, s, d, p, p)});
        check(n, c, m, group, g, false);
    }

    private static void check(int n, int c, int m, int group, WindowGeometry g, boolean withBias) {
        Random rnd = new Random(31L * c + 7L * m + g.outSize());
        try (Arena arena = Arena.ofShared()) {
            MemorySegment x = random(arena, (long) n * c * g.inSize(), rnd);
            MemorySegment w = random(arena, (long) m * (c / group) * g.kernelSize(), rnd);
            MemorySegment b = withBias ? random(arena, m, rnd) : null;
            long ySize = (long) n * m * g.outSize();
            MemorySegment expected = arena.allocate(ySize * 4, 64);
            DirectConv.run(x, w, b, expected, n, c, m, group, g);
            for (Gemm gemm : new Gemm[] {new ScalarGemm(), OpenBlasGemm.instance()}) {
                MemorySegment y = arena.allocate(ySize * 4, 64);
                y.fill((byte) 0x7f); // garbage: every element must be written
                long scratch = ConvGemm.scratchFloats(c, group, g);
                MemorySegment col = scratch == 0 ? null : arena.allocate(scratch * 4, 64);
                ConvGemm.run(gemm, x, w, b, y, n, c, m, group, g, col);
                assertClose(expected, y, ySize, gemm.name());
            }
            // Two threads: im2col rows split between them, the GEMM split by ParallelGemm.
            try (ThreadBudget two = new ThreadBudget(2)) {
                MemorySegment y = arena.allocate(ySize * 4, 64);
                y.fill((byte) 0x7f);
                long scratch = ConvGemm.scratchFloats(c, group, g);
                MemorySegment col = scratch == 0 ? null : arena.allocate(scratch * 4, 64);
                ConvGemm.run(new ParallelGemm(OpenBlasGemm.singleThreaded(), two), two, x, w, ConvEpilogue.bias(b), y,
                        n, c, m, group, g, col);
                assertClose(expected, y, ySize, "2 threads");
            }
            assertTrue(ySize > 0);
        }
    }

    private static void assertClose(MemorySegment expected, MemorySegment y, long size, String what) {
        for (long i = 0; i < size; i++) {
            float e = expected.getAtIndex(F, i);
            assertEquals(e, y.getAtIndex(F, i), 1e-4f * (1 + Math.abs(e)), what + " element " + i);
        }
    }

    private static MemorySegment random(Arena arena, long n, Random rnd) {
        MemorySegment s = arena.allocate(Math.max(n, 1) * 4, 64);
        for (long i = 0; i < n; i++) {
            s.setAtIndex(F, i, rnd.nextFloat() * 2 - 1);
        }
        return s;
    }
}
