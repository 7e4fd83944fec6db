package dev.irbis.kernels.conv;

import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

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

    private Im2col() {
    }

    public static void unfold(MemorySegment x, long xOffset, int channels, WindowGeometry g, MemorySegment col) {
        unfoldChannels(x, xOffset, 0, channels, g, col);
    }

    /** As {@link #unfold(MemorySegment, long, int, WindowGeometry, MemorySegment)}, channels spread over {@code budget}. */
    public static void unfold(MemorySegment x, long xOffset, int channels, WindowGeometry g, MemorySegment col,
                              ThreadBudget budget) {
        // Each task should copy at least ~16K floats, or fork/join overhead outweighs the copy.
        long perChannel = Math.max(1, (long) g.kernelSize() * g.outSize());
        budget.parallelRange(channels, Math.max(1, 16384 / perChannel),
                (s, e) -> unfoldChannels(x, xOffset, (int) s, (int) e, g, col));
    }

    private static void unfoldChannels(MemorySegment x, long xOffset, int from, int to, WindowGeometry g,
                                       MemorySegment col) {
        long plane = g.inSize();
        long outPlane = (long) g.outH * g.outW;
        long row = (long) from * g.kernelSize();
        for (int c = from; c < to; c++) {
            long xc = xOffset + c * plane;
            for (int kd = 0; kd < g.kD; kd++) {
                for (int kh = 0; kh < g.kH; kh++) {
                    for (int kw = 0; kw < g.kW; kw++, row++) {
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
