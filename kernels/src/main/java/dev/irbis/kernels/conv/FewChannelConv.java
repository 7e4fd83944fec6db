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
 * then computes tiles of a block of output channels by a few vectors of one output row, the accumulators in
 * registers. With AVX2's 16 registers: {@value #CHANNELS} channels x {@value #VECTORS} vectors (per tap, 2 input loads
 * and 4 weight broadcasts feed 8 FMAs; a 4 x 3 tile needs all 16 registers, and C2's spills made it slower). With
 * AVX-512's 32 and at least {@value #WIDE_CHANNELS} output channels: {@value #WIDE_CHANNELS} channels x 4 vectors (4
 * loads and 6 broadcasts feed 24 FMAs) on rows at least {@link #WIDE_TILE} wide, else x 2 vectors; on ResNet's stem
 * (64 channels, 112 wide) it measured 1.61 ms against the 4 x 2 tile's 2.44 on one Zen 5 thread, 0.83 against
 * 1.44 on two (both in one JVM, alternating). A last tile narrower than a full one is computed overlapping the
 * previous (its outputs computed twice, identically), and so is a last channel block, so no lanes are masked.
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
    /** Channels per block of the wide tiles (32 vector registers only). */
    static final int WIDE_CHANNELS = 6;
    /** Outputs of a 4-vector wide tile. */
    static final int WIDE_TILE = 4 * L;
    private static final boolean WIDE = L >= 16;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    /** Each thread's output-row buffer (one row per channel of a block), grown on demand and kept. */
    private static final ThreadLocal<float[][]> ROW = ThreadLocal.withInitial(() -> new float[1][0]);

    private FewChannelConv() {
    }

    /** Whether this kernel handles the convolution: 2-D, at most {@link #MAX_CHANNELS} inputs, wide enough rows. */
    public static boolean supports(WindowGeometry g, int c, int m, int group) {
        return group == 1 && g.inD == 1 && g.kD == 1 && g.outD == 1 && c >= 1 && c <= MAX_CHANNELS
                && m >= CHANNELS && g.outW >= TILE && g.outH >= 1
                && (long) c * g.kH * g.kW * WIDE_CHANNELS <= Integer.MAX_VALUE
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

    /** Weights packed by {@link #packWeights} in blocks of {@code block} channels, and the shape packed. */
    public record PackedWeights(float[] data, int m, int c, int kH, int kW, int block) {
        boolean fits(int m, int c, WindowGeometry g) {
            return this.m == m && this.c == c && kH == g.kH && kW == g.kW && block == blockChannels(m);
        }
    }

    /** Output channels per tile: {@link #WIDE_CHANNELS} where the wide tiles fit the registers and m allows, else 4. */
    static int blockChannels(int m) {
        return WIDE && m >= WIDE_CHANNELS ? WIDE_CHANNELS : CHANNELS;
    }

    /**
     * Packs w [m, c, kH, kW] into blocks of {@link #blockChannels} output channels, each [tap][channel]; the last
     * block starts at m - block (overlapping the previous one when m is not a multiple).
     */
    public static PackedWeights packWeights(MemorySegment w, int m, int c, WindowGeometry g) {
        int taps = c * g.kH * g.kW;
        int channels = blockChannels(m);
        int blocks = (m + channels - 1) / channels;
        float[] packed = new float[Math.multiplyExact(blocks, taps * channels)];
        for (int b = 0; b < blocks; b++) {
            int first = blockStart(b, m, channels);
            for (int t = 0; t < taps; t++) {
                for (int j = 0; j < channels; j++) {
                    packed[(b * taps + t) * channels + j] = w.getAtIndex(F, (long) (first + j) * taps + t);
                }
            }
        }
        return new PackedWeights(packed, m, c, g.kH, g.kW, channels);
    }

    private static int blockStart(int block, int m, int channels) {
        return Math.min(block * channels, m - channels);
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
                    + weights.kH() + " x " + weights.kW() + " in blocks of " + weights.block() + ", not " + m + " x "
                    + c + " x " + g.kH + " x " + g.kW + " in blocks of " + blockChannels(m));
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
        int channels = weights.block();
        int blocks = (m + channels - 1) / channels;
        int tileWidth = channels == CHANNELS ? TILE : g.outW >= WIDE_TILE ? WIDE_TILE : TILE;
        for (int img = 0; img < n; img++) {
            long xImage = (long) img * c * g.inH * g.inW;
            long yImage = (long) img * m * outSize;
            budget.parallelRange((long) c * rows, Math.max(1, 4096 / rowFloats),
                    (s, e) -> splitPhases(x, xImage, g, rows, pw, (int) s, (int) e, phases));
            budget.parallelRange(g.outH, 1, (s, e) -> {
                float[] out = rowBuffer(channels * g.outW);
                for (int oy = (int) s; oy < e; oy++) {
                    long rowBase = (long) oy * g.sH * rowFloats * Float.BYTES;
                    for (int b = 0; b < blocks; b++) {
                        int first = blockStart(b, m, channels);
                        int wBase = b * taps * channels;
                        for (int x0 = 0; x0 < g.outW; x0 += tileWidth) {
                            int at = Math.min(x0, g.outW - tileWidth);
                            long base = rowBase + (long) at * Float.BYTES;
                            if (channels == CHANNELS) {
                                tile(phases, base, tapOffsets, packed, wBase, out, at, g.outW);
                            } else if (tileWidth == WIDE_TILE) {
                                tile6x4(phases, base, tapOffsets, packed, wBase, out, at, g.outW);
                            } else {
                                tile6x2(phases, base, tapOffsets, packed, wBase, out, at, g.outW);
                            }
                        }
                        for (int j = 0; j < channels; j++) {
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

    /** As {@link #tile} for {@value #WIDE_CHANNELS} channels x 4 vectors ({@link #WIDE_TILE} outputs). */
    private static void tile6x4(MemorySegment ph, long base, long[] tapOffsets, float[] w, int wBase, float[] out,
                                int at, int stride) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a02 = FloatVector.zero(S), a03 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a12 = FloatVector.zero(S), a13 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a22 = FloatVector.zero(S), a23 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        FloatVector a32 = FloatVector.zero(S), a33 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S), a41 = FloatVector.zero(S);
        FloatVector a42 = FloatVector.zero(S), a43 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S), a51 = FloatVector.zero(S);
        FloatVector a52 = FloatVector.zero(S), a53 = FloatVector.zero(S);
        long vb = (long) L * Float.BYTES;
        for (int t = 0, wi = wBase; t < tapOffsets.length; t++, wi += WIDE_CHANNELS) {
            long i = base + tapOffsets[t];
            FloatVector x0 = FloatVector.fromMemorySegment(S, ph, i, LE);
            FloatVector x1 = FloatVector.fromMemorySegment(S, ph, i + vb, LE);
            FloatVector x2 = FloatVector.fromMemorySegment(S, ph, i + 2 * vb, LE);
            FloatVector x3 = FloatVector.fromMemorySegment(S, ph, i + 3 * vb, LE);
            FloatVector v = FloatVector.broadcast(S, w[wi]);
            a00 = v.fma(x0, a00);
            a01 = v.fma(x1, a01);
            a02 = v.fma(x2, a02);
            a03 = v.fma(x3, a03);
            v = FloatVector.broadcast(S, w[wi + 1]);
            a10 = v.fma(x0, a10);
            a11 = v.fma(x1, a11);
            a12 = v.fma(x2, a12);
            a13 = v.fma(x3, a13);
            v = FloatVector.broadcast(S, w[wi + 2]);
            a20 = v.fma(x0, a20);
            a21 = v.fma(x1, a21);
            a22 = v.fma(x2, a22);
            a23 = v.fma(x3, a23);
            v = FloatVector.broadcast(S, w[wi + 3]);
            a30 = v.fma(x0, a30);
            a31 = v.fma(x1, a31);
            a32 = v.fma(x2, a32);
            a33 = v.fma(x3, a33);
            v = FloatVector.broadcast(S, w[wi + 4]);
            a40 = v.fma(x0, a40);
            a41 = v.fma(x1, a41);
            a42 = v.fma(x2, a42);
            a43 = v.fma(x3, a43);
            v = FloatVector.broadcast(S, w[wi + 5]);
            a50 = v.fma(x0, a50);
            a51 = v.fma(x1, a51);
            a52 = v.fma(x2, a52);
            a53 = v.fma(x3, a53);
        }
        int r = at;
        a00.intoArray(out, r); a01.intoArray(out, r + L); a02.intoArray(out, r + 2 * L); a03.intoArray(out, r + 3 * L);
        r += stride;
        a10.intoArray(out, r); a11.intoArray(out, r + L); a12.intoArray(out, r + 2 * L); a13.intoArray(out, r + 3 * L);
        r += stride;
        a20.intoArray(out, r); a21.intoArray(out, r + L); a22.intoArray(out, r + 2 * L); a23.intoArray(out, r + 3 * L);
        r += stride;
        a30.intoArray(out, r); a31.intoArray(out, r + L); a32.intoArray(out, r + 2 * L); a33.intoArray(out, r + 3 * L);
        r += stride;
        a40.intoArray(out, r); a41.intoArray(out, r + L); a42.intoArray(out, r + 2 * L); a43.intoArray(out, r + 3 * L);
        r += stride;
        a50.intoArray(out, r); a51.intoArray(out, r + L); a52.intoArray(out, r + 2 * L); a53.intoArray(out, r + 3 * L);
    }

    /** As {@link #tile6x4} with 2 vectors ({@link #TILE} outputs), for rows narrower than {@link #WIDE_TILE}. */
    private static void tile6x2(MemorySegment ph, long base, long[] tapOffsets, float[] w, int wBase, float[] out,
                                int at, int stride) {
        FloatVector a00 = FloatVector.zero(S), a01 = FloatVector.zero(S);
        FloatVector a10 = FloatVector.zero(S), a11 = FloatVector.zero(S);
        FloatVector a20 = FloatVector.zero(S), a21 = FloatVector.zero(S);
        FloatVector a30 = FloatVector.zero(S), a31 = FloatVector.zero(S);
        FloatVector a40 = FloatVector.zero(S), a41 = FloatVector.zero(S);
        FloatVector a50 = FloatVector.zero(S), a51 = FloatVector.zero(S);
        long vb = (long) L * Float.BYTES;
        for (int t = 0, wi = wBase; t < tapOffsets.length; t++, wi += WIDE_CHANNELS) {
            long i = base + tapOffsets[t];
            FloatVector x0 = FloatVector.fromMemorySegment(S, ph, i, LE);
            FloatVector x1 = FloatVector.fromMemorySegment(S, ph, i + vb, LE);
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
            v = FloatVector.broadcast(S, w[wi + 4]);
            a40 = v.fma(x0, a40);
            a41 = v.fma(x1, a41);
            v = FloatVector.broadcast(S, w[wi + 5]);
            a50 = v.fma(x0, a50);
            a51 = v.fma(x1, a51);
        }
        int r = at;
        a00.intoArray(out, r); a01.intoArray(out, r + L);
        r += stride;
        a10.intoArray(out, r); a11.intoArray(out, r + L);
        r += stride;
        a20.intoArray(out, r); a21.intoArray(out, r + L);
        r += stride;
        a30.intoArray(out, r); a31.intoArray(out, r + L);
        r += stride;
        a40.intoArray(out, r); a41.intoArray(out, r + L);
        r += stride;
        a50.intoArray(out, r); a51.intoArray(out, r + L);
    }
}
