package dev.irbis.kernels.conv;

import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Direct 2-D convolution for inputs with few channels, such as an image stem (3 channels, 7x7, stride 2).
 * There im2col + GEMM unfolds the input kH*kW / (sH*sW) times (about 12x for ResNet's stem) into a matrix
 * with a short K (147), so the unfolding's memory traffic costs as much as the product. Here each output
 * value is accumulated straight from the input instead.
 * <p>The input is first copied, zero-padded, into {@code sW} column phases per row: phase q of a row holds
 * its padded columns q, q + sW, q + 2sW... With that, the inputs of L consecutive outputs along a row, for
 * any one tap, are L consecutive floats of one phase, i.e. one vector load, whatever the stride. The kernel
 * then computes tiles of {@link #CHANNELS} output channels by {@link #VECTORS} vectors of one output row:
 * per tap, {@value #VECTORS} input loads and {@value #CHANNELS} weight broadcasts feed 8 FMAs, with the 8
 * accumulators in registers (a 4 x 3 tile needs all 16 AVX2 registers, and C2's spills made it slower). A last tile narrower than a full one is computed overlapping the previous
 * (its outputs computed twice, identically), and so is a last channel block, so no lanes are masked.
 * <p>Layouts: x [n, c, inH, inW], w [m, c, kH, kW], y [n, m, outH, outW], dense float32; group 1.
 * Threading: output rows are spread over {@code budget}; the phase copy too.
 */
public final class FewChannelConv {
    /** At most this many input channels: past it im2col + GEMM's longer K makes the product efficient. */
    public static final int MAX_CHANNELS = 4;
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int CHANNELS = 4;
    static final int VECTORS = 2;
    static final int TILE = VECTORS * L;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Each thread's output-row buffer ({@link #CHANNELS} rows), grown on demand and kept. */
    private static final ThreadLocal<float[][]> ROW = ThreadLocal.withInitial(() -> new float[1][0]);

    private FewChannelConv() {
    }

    /** Whether this kernel handles the convolution: 2-D, at most {@link #MAX_CHANNELS} inputs, wide enough rows. */
    public static boolean supports(WindowGeometry g, int c, int m, int group) {
        return group == 1 && g.inD == 1 && g.kD == 1 && g.outD == 1 && c >= 1 && c <= MAX_CHANNELS
                && m >= CHANNELS && g.outW >= TILE && g.outH >= 1
                && (long) c * g.kH * g.kW * CHANNELS <= Integer.MAX_VALUE
                && phaseFloats(c, g) > 0 && phaseFloats(c, g) <= Integer.MAX_VALUE;
    }

    /** Floats of scratch {@link #run} needs for one image's phase copy. */
    public static long phaseFloats(int c, WindowGeometry g) {
        return (long) c * rows(g) * g.sW * phaseWidth(g);
    }

    /** Padded input rows the outputs read (long: huge strides or dilations must not wrap). */
    private static long rows(WindowGeometry g) {
        return (long) (g.outH - 1) * g.sH + (long) (g.kH - 1) * g.dH + 1;
    }

    /** Floats per phase of a row: the padded columns the outputs read, divided among sW phases. */
    private static long phaseWidth(WindowGeometry g) {
        long cols = (long) (g.outW - 1) * g.sW + (long) (g.kW - 1) * g.dW + 1;
        return (cols + g.sW - 1) / g.sW;
    }

    /** Weights packed by {@link #packWeights}, with the shape they were packed for. */
    public record PackedWeights(float[] data, int m, int c, int kH, int kW) {
        boolean fits(int m, int c, WindowGeometry g) {
            return this.m == m && this.c == c && kH == g.kH && kW == g.kW;
        }
    }

    /**
     * Packs w [m, c, kH, kW] into blocks of {@link #CHANNELS} output channels, each [tap][CHANNELS]; the last
     * block starts at m - CHANNELS (overlapping the previous one when m is not a multiple).
     */
    public static PackedWeights packWeights(MemorySegment w, int m, int c, WindowGeometry g) {
        int taps = c * g.kH * g.kW;
        int blocks = (m + CHANNELS - 1) / CHANNELS;
        float[] packed = new float[Math.multiplyExact(blocks, taps * CHANNELS)];
        for (int b = 0; b < blocks; b++) {
            int first = blockStart(b, m);
            for (int t = 0; t < taps; t++) {
                for (int j = 0; j < CHANNELS; j++) {
                    packed[(b * taps + t) * CHANNELS + j] = w.getAtIndex(F, (long) (first + j) * taps + t);
                }
            }
        }
        return new PackedWeights(packed, m, c, g.kH, g.kW);
    }

    private static int blockStart(int block, int m) {
        return Math.min(block * CHANNELS, m - CHANNELS);
    }

    /**
     * y = epilogue(conv(x, w)). {@code packed} from {@link #packWeights}; {@code phases} holds at least
     * {@link #phaseFloats} floats (reused per image; its contents on entry do not matter).
     */
    public static void run(ThreadBudget budget, MemorySegment x, PackedWeights weights, ConvEpilogue epilogue,
                           MemorySegment y, int n, int c, int m, WindowGeometry g, MemorySegment phases) {
        if (!supports(g, c, m, 1)) {
            throw new IllegalArgumentException("not a few-channel convolution: " + c + " to " + m + " channels, "
                    + g.kH + "x" + g.kW + " window, output " + g.outH + "x" + g.outW);
        }
        if (!weights.fits(m, c, g)) {
            throw new IllegalArgumentException("weights packed for " + weights.m() + " x " + weights.c() + " x "
                    + weights.kH() + " x " + weights.kW() + ", not " + m + " x " + c + " x " + g.kH + " x " + g.kW);
        }
        float[] packed = weights.data();
        // supports() bounds the phase copy below 2^31 floats, so these fit an int.
        int rows = (int) rows(g);
        int pw = (int) phaseWidth(g);
        int rowFloats = g.sW * pw;
        int taps = c * g.kH * g.kW;
        if (phases.byteSize() < phaseFloats(c, g) * Float.BYTES) {
            throw new IllegalArgumentException("phase scratch of " + phases.byteSize() + " bytes, needs "
                    + phaseFloats(c, g) * Float.BYTES);
        }
        // Byte offset of each tap (channel, kh, kw) from the row's start: its row, phase and column in the phase.
        long[] tapOffsets = new long[taps];
        for (int ci = 0, t = 0; ci < c; ci++) {
            for (int kh = 0; kh < g.kH; kh++) {
                for (int kw = 0; kw < g.kW; kw++, t++) {
                    int col = kw * g.dW;
                    tapOffsets[t] = ((long) (ci * rows + kh * g.dH) * rowFloats + (long) (col % g.sW) * pw
                            + col / g.sW) * Float.BYTES;
                }
            }
        }
        int outSize = g.outH * g.outW;
        int blocks = (m + CHANNELS - 1) / CHANNELS;
        for (int img = 0; img < n; img++) {
            long xImage = (long) img * c * g.inH * g.inW;
            long yImage = (long) img * m * outSize;
            budget.parallelRange((long) c * rows, Math.max(1, 4096 / rowFloats),
                    (s, e) -> splitPhases(x, xImage, g, rows, pw, (int) s, (int) e, phases));
            budget.parallelRange(g.outH, 1, (s, e) -> {
                float[] out = rowBuffer(CHANNELS * g.outW);
                for (int oy = (int) s; oy < e; oy++) {
                    long rowBase = (long) oy * g.sH * rowFloats * Float.BYTES;
                    for (int b = 0; b < blocks; b++) {
                        int first = blockStart(b, m);
                        int wBase = b * taps * CHANNELS;
                        for (int x0 = 0; x0 < g.outW; x0 += TILE) {
                            int at = Math.min(x0, g.outW - TILE);
                            tile(phases, rowBase + (long) at * Float.BYTES, tapOffsets, packed, wBase, out, at, g.outW);
                        }
                        for (int j = 0; j < CHANNELS; j++) {
                            int oc = first + j;
                            epilogue.apply(out, j * g.outW, y, yImage + (long) oc * outSize + (long) oy * g.outW,
                                    g.outW, oc);
                        }
                    }
                }
            });
        }
    }

    private static float[] rowBuffer(int floats) {
        float[][] holder = ROW.get();
        if (holder[0].length < floats) {
            holder[0] = new float[floats];
        }
        return holder[0];
    }

    /** Copies rows [from, to) of the (channel, padded row) list into their phases, zeros for padding. */
    private static void splitPhases(MemorySegment x, long xImage, WindowGeometry g, int rows, int pw, int from, int to,
                                    MemorySegment phases) {
        int sW = g.sW;
        for (int r = from; r < to; r++) {
            int ci = r / rows;
            int ih = r % rows - g.pH;
            long dst = (long) r * sW * pw;
            if (ih < 0 || ih >= g.inH) {
                phases.asSlice(dst * Float.BYTES, (long) sW * pw * Float.BYTES).fill((byte) 0);
                continue;
            }
            long src = xImage + ((long) ci * g.inH + ih) * g.inW;
            for (int q = 0; q < sW; q++) {
                long d = dst + (long) q * pw;
                for (int j = 0; j < pw; j++) {
                    int iw = j * sW + q - g.pW;
                    phases.setAtIndex(F, d + j, iw >= 0 && iw < g.inW ? x.getAtIndex(F, src + iw) : 0f);
                }
            }
        }
    }

    /**
     * One tile: {@link #CHANNELS} channels x {@link #TILE} outputs of one row, whose first output's inputs
     * start at byte {@code base} of the phases; written to {@code out[j * stride + at ...]}.
     */
    private static void tile(MemorySegment ph, long base, long[] tapOffsets, float[] w, int wBase, float[] out,
                             int at, int stride) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        for (int t = 0, wi = wBase; t < tapOffsets.length; t++, wi += CHANNELS) {
            long i = base + tapOffsets[t];
            FloatVector x0 = FloatVector.fromMemorySegment(S, ph, i, LE);
            FloatVector x1 = FloatVector.fromMemorySegment(S, ph, i + (long) L * Float.BYTES, LE);
            FloatVector v = FloatVector.broadcast(S, w[wi]);
            a00 = v.fma(x0, a00);
            a01 = v.fma(x1, a01);
            v = FloatVector.broadcast(S, w[wi + 1]);
            a10 = v.fma(x0, a10);
            a11 = v.fma(x1, a11);
            v = FloatVector.broadcast(S, w[wi + 2]);
            a20 = v.fma(x0, a20);
            a21 = v.fma(x1, a21);
            v = FloatVector.broadcast(S, w[wi + 3]);
            a30 = v.fma(x0, a30);
            a31 = v.fma(x1, a31);
        }
        a00.intoArray(out, at);
        a01.intoArray(out, at + L);
        int r = stride + at;
        a10.intoArray(out, r);
        a11.intoArray(out, r + L);
        r += stride;
        a20.intoArray(out, r);
        a21.intoArray(out, r + L);
        r += stride;
        a30.intoArray(out, r);
        a31.intoArray(out, r + L);
    }
}
