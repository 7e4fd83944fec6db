package dev.irbis.kernels.pool;

import dev.irbis.kernels.conv.WindowGeometry;
import dev.irbis.kernels.elementwise.EvenLanes;
import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Max pooling over {@code planes} independent planes (N * C), float32. Layout: x holds planes of
 * {@code g.inSize()} floats, y planes of {@code g.outSize()} floats, dense from offset 0. Padding
 * never wins: only real input positions (and not NaN) are compared. When {@code indices} is not
 * null it receives, as int64, the flat index into the whole input tensor of each maximum (the first
 * one on ties); with {@code columnMajor} the spatial part of that index is counted column-major
 * (ONNX storage_order = 1). A window with no real position yields -infinity and index -1.
 * Parallel over planes on the given threads.
 */
public final class MaxPooling {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfLong L = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private MaxPooling() {
    }

    public static void run(MemorySegment x, MemorySegment y, MemorySegment indices, boolean columnMajor,
                           long planes, WindowGeometry g) {
        run(x, y, indices, columnMajor, planes, g, ThreadBudget.SINGLE);
    }

    public static void run(MemorySegment x, MemorySegment y, MemorySegment indices, boolean columnMajor,
                           long planes, WindowGeometry g, ThreadBudget threads) {
        if (indices == null && g.kD == 1 && g.inD == 1 && g.outD == 1) {
            threads.parallelRange(planes, 1, (from, to) -> runPlanes2d(x, y, from, to, g));
        } else {
            threads.parallelRange(planes, 1, (from, to) -> runPlanes(x, y, indices, columnMajor, from, to, g));
        }
    }

    /**
     * The common case (2-D, no indices), in vectors: for each output row, the maximum over the window's
     * valid input rows, lane-wise along the row (into a row buffer padded with -infinity on both sides),
     * then the maximum over the window's columns at every window start, lane-wise again, of which every
     * stride-th is an output. Same results as {@link #runPlanes} (NaN never wins, an empty window gives
     * -infinity); a tap-by-tap loop with data-dependent branches cost about 5x more.
     */
    private static void runPlanes2d(MemorySegment x, MemorySegment y, long fromPlane, long toPlane, WindowGeometry g) {
        long inPlane = g.inSize();
        long outPlane = g.outSize();
        int vl = S.length();
        int starts = ((g.outW - 1) * g.sW + 1 + vl - 1) / vl * vl;
        int span = (g.kW - 1) * g.dW;
        float[] row = new float[Math.max(g.pW + g.inW, starts + span)];
        // Slack: a stride-2 row's outputs are picked from whole pairs of vectors.
        float[] windowMax = new float[starts + 2 * vl];
        java.util.Arrays.fill(row, Float.NEGATIVE_INFINITY);
        int bound = S.loopBound(g.inW);
        FloatVector negInf = FloatVector.broadcast(S, Float.NEGATIVE_INFINITY);
        for (long p = fromPlane; p < toPlane; p++) {
            long xBase = p * inPlane;
            long yi = p * outPlane;
            for (int oh = 0; oh < g.outH; oh++) {
                int h0 = oh * g.sH - g.pH;
                int khLo = h0 >= 0 ? 0 : (-h0 + g.dH - 1) / g.dH;
                int khHi = Math.min(g.kH, (g.inH - h0 + g.dH - 1) / g.dH);
                int iw = 0;
                for (; iw < bound; iw += vl) {
                    FloatVector best = negInf;
                    for (int kh = khLo; kh < khHi; kh++) {
                        long at = (xBase + (long) (h0 + kh * g.dH) * g.inW + iw) * Float.BYTES;
                        FloatVector v = FloatVector.fromMemorySegment(S, x, at, LE);
                        best = best.blend(v, v.compare(VectorOperators.GT, best));
                    }
                    best.intoArray(row, g.pW + iw);
                }
                for (; iw < g.inW; iw++) {
                    float best = Float.NEGATIVE_INFINITY;
                    for (int kh = khLo; kh < khHi; kh++) {
                        float v = x.getAtIndex(F, xBase + (long) (h0 + kh * g.dH) * g.inW + iw);
                        best = v > best ? v : best;
                    }
                    row[g.pW + iw] = best;
                }
                // windowMax[j]: the window starting at padded column j (input column j - pW).
                for (int j = 0; j < starts; j += vl) {
                    FloatVector best = negInf;
                    for (int kw = 0; kw < g.kW; kw++) {
                        FloatVector v = FloatVector.fromArray(S, row, j + kw * g.dW);
                        best = best.blend(v, v.compare(VectorOperators.GT, best));
                    }
                    best.intoArray(windowMax, j);
                }
                if (g.sW == 2) {
                    for (int j = 0; j < g.outW; j += vl) {
                        EvenLanes.of(FloatVector.fromArray(S, windowMax, 2 * j),
                                FloatVector.fromArray(S, windowMax, 2 * j + vl))
                                .intoMemorySegment(y, (yi + j) * Float.BYTES, LE, S.indexInRange(j, g.outW));
                    }
                    yi += g.outW;
                } else {
                    for (int ow = 0; ow < g.outW; ow++, yi++) {
                        y.setAtIndex(F, yi, windowMax[ow * g.sW]);
                    }
                }
            }
        }
    }

    private static void runPlanes(MemorySegment x, MemorySegment y, MemorySegment indices, boolean columnMajor,
                                  long fromPlane, long toPlane, WindowGeometry g) {
        long inPlane = g.inSize();
        long yi = fromPlane * g.outSize();
        for (long p = fromPlane; p < toPlane; p++) {
            long xBase = p * inPlane;
            for (int od = 0; od < g.outD; od++) {
                for (int oh = 0; oh < g.outH; oh++) {
                    for (int ow = 0; ow < g.outW; ow++, yi++) {
                        float best = Float.NEGATIVE_INFINITY;
                        int bd = -1, bh = -1, bw = -1;
                        for (int kd = 0; kd < g.kD; kd++) {
                            int id = od * g.sD - g.pD + kd * g.dD;
                            if (id < 0 || id >= g.inD) {
                                continue;
                            }
                            for (int kh = 0; kh < g.kH; kh++) {
                                int ih = oh * g.sH - g.pH + kh * g.dH;
                                if (ih < 0 || ih >= g.inH) {
                                    continue;
                                }
                                long row = xBase + ((long) id * g.inH + ih) * g.inW;
                                for (int kw = 0; kw < g.kW; kw++) {
                                    int iw = ow * g.sW - g.pW + kw * g.dW;
                                    if (iw < 0 || iw >= g.inW) {
                                        continue;
                                    }
                                    float v = x.getAtIndex(F, row + iw);
                                    if (v > best || bd < 0 && v == best) {
                                        best = v;
                                        bd = id;
                                        bh = ih;
                                        bw = iw;
                                    }
                                }
                            }
                        }
                        y.setAtIndex(F, yi, best);
                        if (indices != null) {
                            long idx = -1;
                            if (bd >= 0) {
                                long spatial = columnMajor
                                        ? bd + (long) g.inD * (bh + (long) g.inH * bw)
                                        : ((long) bd * g.inH + bh) * g.inW + bw;
                                idx = xBase + spatial;
                            }
                            indices.setAtIndex(L, yi, idx);
                        }
                    }
                }
            }
        }
    }
}
