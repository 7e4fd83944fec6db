package dev.irbis.kernels.conv;

import dev.irbis.kernels.elementwise.EvenLanes;
import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Unfolds the receptive fields of a group of input channels into a matrix so that a convolution
 * becomes one GEMM. Layout: {@code channels} planes of {@code g.inSize()} floats starting at
 * {@code xOffset} (elements) in {@code x}; the result is row-major
 * {@code [channels * kD * kH * kW] x [outD * outH * outW]} at offset 0 of {@code col}, row index
 * {@code ((c * kD + kd) * kH + kh) * kW + kw}, which matches the ONNX weight layout [M, C/group, kD, kH, kW].
 * Padding positions become 0. Channels are independent rows, so the parallel variant splits them over threads.
 */
public final class Im2col {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();

    private Im2col() {
    }

    public static void unfold(MemorySegment x, long xOffset, int channels, WindowGeometry g, MemorySegment col) {
        unfoldChannels(x, xOffset, 0, channels, g, col);
    }

    /**
     * As {@link #unfold(MemorySegment, long, int, WindowGeometry, MemorySegment)}, rows of the result
     * (one per channel and tap) spread over {@code budget}.
     */
    public static void unfold(MemorySegment x, long xOffset, int channels, WindowGeometry g, MemorySegment col,
                              ThreadBudget budget) {
        // Each task should copy at least ~16K floats, or fork/join overhead outweighs the copy.
        long rows = (long) channels * g.kernelSize();
        budget.parallelRange(rows, Math.max(1, 16384 / Math.max(1, g.outSize())),
                (s, e) -> unfoldRows(x, xOffset, s, e, g, col));
    }

    private static void unfoldChannels(MemorySegment x, long xOffset, int from, int to, WindowGeometry g,
                                       MemorySegment col) {
        unfoldRows(x, xOffset, (long) from * g.kernelSize(), (long) to * g.kernelSize(), g, col);
    }

    /**
     * Rows [from, to) of the result. 2-D windows take one of two fast paths: stride 1 with the output as
     * wide as the input (3x3 "same" convolutions) copies each tap as one flat block, since the tap is the
     * input plane shifted by a constant, then zeroes the padding columns; any other 2-D window gathers
     * from a heap copy of the channel's plane into a heap row block and copies that out in one piece
     * (column stride 2, ResNet's downsampling, a vector at a time: see {@link #unfoldTapStaged}).
     * (Per-row segment copies of 7 to 56 floats cost more in call overhead than in bytes.)
     */
    private static void unfoldRows(MemorySegment x, long xOffset, long from, long to, WindowGeometry g,
                                   MemorySegment col) {
        if (g.kD != 1 || g.inD != 1 || g.outD != 1) {
            unfoldRows3d(x, xOffset, from, to, g, col);
            return;
        }
        int kk = g.kernelSize();
        long plane = g.inSize();
        boolean flat = g.sH == 1 && g.sW == 1 && g.outW == g.inW;
        boolean pairs = g.sW == 2;
        // A strided 1x1 window reads one row in sH: copying the whole plane first would read sH times the data,
        // which still pays at column stride 2, where the gather from the copy is a vector at a time.
        boolean sparseRows = !flat && !pairs && kk == 1 && g.sH > 1;
        // Room for a whole vector pair read at any valid column, and a whole vector written at any row's end.
        float[] planeBuf = flat || sparseRows ? null : new float[Math.toIntExact(plane) + 2 * L];
        float[] staged = flat ? null : new float[Math.toIntExact(g.outSize()) + L];
        int outSize = Math.toIntExact(g.outSize());
        int loaded = -1;
        for (long row = from; row < to; row++) {
            int c = (int) (row / kk);
            int tap = (int) (row % kk);
            int kh = tap / g.kW;
            int kw = tap % g.kW;
            long xc = xOffset + c * plane;
            long dst = row * g.outSize();
            if (flat) {
                unfoldTapFlat(x, xc, g, kh, kw, col, dst);
            } else if (sparseRows) {
                unfoldPlane(x, xc, g, 0, 0, col, dst);
            } else {
                if (loaded != c) {
                    MemorySegment.copy(x, F, xc * 4, planeBuf, 0, Math.toIntExact(plane));
                    loaded = c;
                }
                unfoldTapStaged(planeBuf, g, kh, kw, staged);
                MemorySegment.copy(staged, 0, col, F, dst * 4, outSize);
            }
        }
    }

    /** Stride 1, output width = input width: output (oh, ow) reads flat input index oh * W + ow + delta. */
    private static void unfoldTapFlat(MemorySegment x, long xPlane, WindowGeometry g, int kh, int kw,
                                      MemorySegment col, long dst) {
        int w = g.inW;
        long plane = g.inSize();
        int rowShift = kh * g.dH - g.pH;
        int off = kw * g.dW - g.pW;
        long delta = (long) rowShift * w + off;
        int ohLo = Math.min(g.outH, Math.max(0, -rowShift));
        int ohHi = Math.max(ohLo, Math.min(g.outH, g.inH - rowShift));
        if (ohLo > 0) {
            col.asSlice(dst * 4, (long) ohLo * w * 4).fill((byte) 0);
        }
        if (ohHi < g.outH) {
            col.asSlice((dst + (long) ohHi * w) * 4, (long) (g.outH - ohHi) * w * 4).fill((byte) 0);
        }
        long start = Math.max((long) ohLo * w, -delta);
        long end = Math.min((long) ohHi * w, plane - delta);
        if (end > start) {
            MemorySegment.copy(x, (xPlane + start + delta) * 4, col, (dst + start) * 4, (end - start) * 4);
        }
        // Columns whose tap falls left or right of the row read the neighbouring row: they are padding.
        int owLo = Math.min(w, Math.max(0, -off));
        int owHi = Math.max(owLo, Math.min(w, w - off));
        for (int oh = ohLo; oh < ohHi; oh++) {
            long r = dst + (long) oh * w;
            for (int ow = 0; ow < owLo; ow++) {
                col.setAtIndex(F, r + ow, 0f);
            }
            for (int ow = owHi; ow < w; ow++) {
                col.setAtIndex(F, r + ow, 0f);
            }
        }
    }

    /**
     * Any 2-D window: the tap's outH x outW block gathered from a heap copy of the plane. At column stride 2 each
     * vector of outputs is the even lanes of the two vectors read from its first input ({@link EvenLanes}). On
     * ResNet-50's downsampling layers at batch 1 (one thread, inputs out of cache, one JVM): 3x3 windows 1.1-1.5x
     * faster than the lane-by-lane copy, 1x1 windows 2.3-2.8x faster than masked vectors read straight from x.
     * The plane holds 2L floats past its end and {@code out} L past the outputs, so that the last vector pair read
     * and the last vector written stay inside; lanes written past a row's valid columns are rewritten later
     * (padding, or the next row).
     */
    private static void unfoldTapStaged(float[] plane, WindowGeometry g, int kh, int kw, float[] out) {
        int off = kw * g.dW - g.pW;
        int owLo = off >= 0 ? 0 : Math.min(g.outW, ceilDiv(-off, g.sW));
        int owHi = Math.max(owLo, Math.min(g.outW, ceilDiv(g.inW - off, g.sW)));
        int sw = g.sW;
        int d = 0;
        for (int oh = 0; oh < g.outH; oh++, d += g.outW) {
            int ih = oh * g.sH - g.pH + kh * g.dH;
            if (ih < 0 || ih >= g.inH) {
                java.util.Arrays.fill(out, d, d + g.outW, 0f);
                continue;
            }
            java.util.Arrays.fill(out, d, d + owLo, 0f);
            int src = ih * g.inW + off;
            if (sw == 2) {
                // A valid column reads at most the row's last input, so its pair ends within 2L past the plane.
                for (int ow = owLo; ow < owHi; ow += L) {
                    int at = src + 2 * ow;
                    EvenLanes.of(FloatVector.fromArray(S, plane, at), FloatVector.fromArray(S, plane, at + L))
                            .intoArray(out, d + ow);
                }
            } else {
                for (int ow = owLo; ow < owHi; ow++) {
                    out[d + ow] = plane[src + ow * sw];
                }
            }
            java.util.Arrays.fill(out, d + owHi, d + g.outW, 0f);
        }
    }

    /** 3-D windows, row by row (rare: only 3-D convolutions get here). */
    private static void unfoldRows3d(MemorySegment x, long xOffset, long from, long to, WindowGeometry g,
                                     MemorySegment col) {
        long plane = g.inSize();
        long outPlane = (long) g.outH * g.outW;
        int kk = g.kernelSize();
        for (long row = from; row < to; row++) {
            int c = (int) (row / kk);
            int tap = (int) (row % kk);
            int kd = tap / (g.kH * g.kW);
            int kh = tap / g.kW % g.kH;
            int kw = tap % g.kW;
            long xc = xOffset + c * plane;
            long dst = row * g.outSize();
            for (int od = 0; od < g.outD; od++, dst += outPlane) {
                int id = od * g.sD - g.pD + kd * g.dD;
                if (id < 0 || id >= g.inD) {
                    col.asSlice(dst * 4, outPlane * 4).fill((byte) 0);
                    continue;
                }
                unfoldPlane(x, xc + (long) id * g.inH * g.inW, g, kh, kw, col, dst);
            }
        }
    }

    private static void unfoldPlane(MemorySegment x, long xPlane, WindowGeometry g, int kh, int kw,
                                    MemorySegment col, long dst) {
        // The valid output columns for this tap form one range [owLo, owHi); everything else is padding.
        int off = kw * g.dW - g.pW;
        int owLo = off >= 0 ? 0 : Math.min(g.outW, ceilDiv(-off, g.sW));
        int owHi = Math.max(owLo, Math.min(g.outW, ceilDiv(g.inW - off, g.sW)));
        for (int oh = 0; oh < g.outH; oh++, dst += g.outW) {
            int ih = oh * g.sH - g.pH + kh * g.dH;
            if (ih < 0 || ih >= g.inH) {
                col.asSlice(dst * 4, (long) g.outW * 4).fill((byte) 0);
                continue;
            }
            long src = xPlane + (long) ih * g.inW + off;
            for (int ow = 0; ow < owLo; ow++) {
                col.setAtIndex(F, dst + ow, 0f);
            }
            if (g.sW == 1) {
                MemorySegment.copy(x, (src + owLo) * 4, col, (dst + owLo) * 4, (long) (owHi - owLo) * 4);
            } else {
                for (int ow = owLo; ow < owHi; ow++) {
                    col.setAtIndex(F, dst + ow, x.getAtIndex(F, src + (long) ow * g.sW));
                }
            }
            for (int ow = owHi; ow < g.outW; ow++) {
                col.setAtIndex(F, dst + ow, 0f);
            }
        }
    }

    private static int ceilDiv(int a, int b) {
        return a <= 0 ? -((-a) / b) : (a + b - 1) / b;
    }
}
