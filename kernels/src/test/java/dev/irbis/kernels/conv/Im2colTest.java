package dev.irbis.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Im2col's 2-D paths (flat taps, strided 1x1 rows, staged gathers, stride-2 vector pairs) against an
 * element-by-element unfold, on one thread and on two (which split a channel's taps between them).
 */
class Im2colTest {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT;

    @ParameterizedTest(name = "c={0} in={1}x{2} k={3}x{4} s={5}x{6} d={7}x{8} pads t{9} l{10} b{11} r{12}")
    @CsvSource({
        // c, inH, inW, kH, kW, sH, sW, dH, dW, padTop, padLeft, padBottom, padRight
        "3, 56, 56, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1",    // torchvision's downsampling 3x3: several vectors per row
        "2, 15, 13, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1",    // odd sizes
        "4, 56, 56, 1, 1, 2, 2, 1, 1, 0, 0, 0, 0",    // strided 1x1 (ResNet v1): even lanes of vector pairs
        "2, 9, 8, 1, 1, 2, 2, 1, 1, 1, 0, 1, 0",      // strided 1x1 with padding above and below
        "3, 7, 41, 1, 1, 2, 2, 1, 1, 0, 0, 0, 0",     // strided 1x1, odd width: a partial last vector pair
        "2, 6, 9, 1, 1, 3, 2, 1, 1, 0, 0, 2, 0",      // strided 1x1, row stride 3, rows past the bottom
        "2, 8, 8, 1, 1, 2, 2, 1, 1, 0, 1, 0, 1",      // strided 1x1 with left padding: pairs from an odd start
        "2, 9, 8, 1, 1, 3, 3, 1, 1, 1, 0, 1, 0",      // strided 1x1 at stride 3: lane by lane from x
        "2, 9, 71, 3, 3, 2, 2, 1, 1, 1, 1, 1, 1",     // stride 2, 36 outputs a row: a partial third vector
        "2, 17, 40, 3, 5, 3, 3, 1, 1, 2, 0, 1, 2",    // stride 3
        "3, 20, 37, 3, 3, 2, 2, 2, 2, 2, 2, 2, 2",    // dilation 2 at stride 2
        "1, 50, 61, 7, 7, 2, 2, 1, 1, 3, 3, 3, 3",    // 7x7 stem-like
        "2, 48, 48, 7, 7, 1, 1, 1, 1, 0, 0, 0, 0",    // 7x7 stride 1 "valid": 42x42 outputs
        "2, 12, 11, 3, 3, 1, 1, 1, 1, 0, 0, 0, 0",    // stride 1 "valid": output narrower than the input
        "1, 4, 4, 5, 5, 1, 2, 1, 1, 3, 4, 2, 4",      // pads larger than the kernel's reach
        "2, 10, 10, 3, 3, 1, 1, 1, 1, 1, 1, 1, 1",    // stride 1 "same": the flat path
    })
    void matchesElementwiseUnfold(int c, int inH, int inW, int kH, int kW, int sH, int sW, int dH, int dW, int pt,
                                  int pl, int pb, int pr) {
        long outH = (inH + pt + pb - ((long) (kH - 1) * dH + 1)) / sH + 1;
        long outW = (inW + pl + pr - ((long) (kW - 1) * dW + 1)) / sW + 1;
        WindowGeometry g = WindowGeometry.of(new long[] {inH, inW}, new long[] {kH, kW}, new long[] {sH, sW},
                new long[] {dH, dW}, new long[] {pt, pl}, new long[] {pb, pr}, new long[] {outH, outW});
        Random rnd = new Random(c * 131L + inH * 17L + inW + kH * 7L + sW);
        long offset = 5;
        try (Arena arena = Arena.ofShared(); ThreadBudget two = new ThreadBudget(2)) {
            MemorySegment x = arena.allocate((offset + (long) c * inH * inW) * 4, 64);
            for (long i = 0; i < x.byteSize() / 4; i++) {
                x.setAtIndex(F, i, (float) rnd.nextGaussian());
            }
            long rows = (long) c * kH * kW;
            long size = rows * g.outSize();
            for (ThreadBudget threads : new ThreadBudget[] {ThreadBudget.SINGLE, two}) {
                MemorySegment col = arena.allocate(size * 4, 64);
                col.fill((byte) 0x7f); // garbage: every element must be written
                Im2col.unfold(x, offset, c, g, col, threads);
                for (long r = 0; r < rows; r++) {
                    int ch = (int) (r / (kH * kW));
                    int kh = (int) (r % (kH * kW)) / kW;
                    int kw = (int) (r % kW);
                    for (int oh = 0; oh < outH; oh++) {
                        for (int ow = 0; ow < outW; ow++) {
                            int ih = oh * sH - pt + kh * dH;
                            int iw = ow * sW - pl + kw * dW;
                            float want = ih < 0 || ih >= inH || iw < 0 || iw >= inW ? 0f
                                    : x.getAtIndex(F, offset + ((long) ch * inH + ih) * inW + iw);
                            long at = r * g.outSize() + (long) oh * outW + ow;
                            assertEquals(want, col.getAtIndex(F, at), "row " + r + " (channel " + ch + ", tap " + kh
                                    + "," + kw + "), output " + oh + "," + ow + ", " + threads.threads() + " threads");
                        }
                    }
                }
            }
        }
    }
}
