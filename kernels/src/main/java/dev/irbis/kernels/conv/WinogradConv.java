package dev.irbis.kernels.conv;

import dev.irbis.kernels.gemm.Gemm;
import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * 2-D 3x3 convolution, stride 1, dilation 1, one group, by Winograd F(4x4, 3x3): each 4x4 block of
 * outputs comes from a 6x6 input tile with 36 multiplies per channel pair instead of 144.
 * <ol>
 * <li>input transform {@code V = B^T d B} of every tile of every image into V [36][C][N * tiles]
 *     (padding read as zeros), parallel over (image, channel), vectorised over tiles;</li>
 * <li>36 GEMMs {@code P[xi] (M x N*tiles) = U[xi] (M x C) * V[xi] (C x N*tiles)} through {@code gemm}
 *     (which threads them itself; no Java-parallel work runs meanwhile);</li>
 * <li>output transform {@code A^T P A}, parallel over (image, output channel), each output plane
 *     finished with the epilogue (bias, residual, ReLU) while it is written.</li>
 * </ol>
 * Layouts: x [N, C, inH, inW], y [N, M, outH, outW] dense float32; U from {@link WinogradWeights#transform}.
 * Scratch: {@code v} of {@link #inputScratchFloats} and {@code p} of {@link #productScratchFloats} floats.
 */
public final class WinogradConv {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private static final FloatVector FOUR = FloatVector.broadcast(S, 4f);
    private static final FloatVector TWO = FloatVector.broadcast(S, 2f);
    private static final FloatVector EIGHT = FloatVector.broadcast(S, 8f);

    private WinogradConv() {
    }

    /** True for geometries this kernel computes: 2-D, 3x3, stride 1, dilation 1 (any padding). */
    public static boolean supports(WindowGeometry g) {
        return g.kD == 1 && g.inD == 1 && g.kH == 3 && g.kW == 3 && g.sH == 1 && g.sW == 1
                && g.dH == 1 && g.dW == 1;
    }

    public static int tiles(WindowGeometry g) {
        return ceilDiv(g.outH, 4) * ceilDiv(g.outW, 4);
    }

    public static long inputScratchFloats(int n, int c, WindowGeometry g) {
        return 36L * c * n * tiles(g);
    }

    public static long productScratchFloats(int n, int m, WindowGeometry g) {
        return 36L * m * n * tiles(g);
    }

    public static void run(Gemm gemm, ThreadBudget budget, MemorySegment x, MemorySegment u, ConvEpilogue epilogue,
                           MemorySegment y, int n, int c, int m, WindowGeometry g, MemorySegment v, MemorySegment p) {
        int tiles = tiles(g);
        int nt = n * tiles;
        budget.parallelRange((long) n * c, minChunk(tiles), (s, e) -> inputTransform(x, v, n, c, g, (int) s, (int) e));
        for (int xi = 0; xi < 36; xi++) {
            gemm.sgemm(false, false, m, nt, c, 1f, u, (long) xi * m * c, c, v, (long) xi * c * nt, nt,
                    0f, p, (long) xi * m * nt, nt);
        }
        budget.parallelRange((long) n * m, minChunk(tiles),
                (s, e) -> outputTransform(p, y, epilogue, n, m, g, (int) s, (int) e));
    }

    private static long minChunk(int tiles) {
        // About 64 tiles of work per task keeps fork/join overhead small against the transforms.
        return Math.max(1, 64 / tiles);
    }

    /** Transforms planes [from, to) of the flattened (image, channel) range. */
    private static void inputTransform(MemorySegment x, MemorySegment v, int n, int c, WindowGeometry g, int from, int to) {
        int tilesH = ceilDiv(g.outH, 4);
        int tilesW = ceilDiv(g.outW, 4);
        int tiles = tilesH * tilesW;
        int tp = roundUp(tiles, L);
        int ph = 4 * tilesH + 2;
        int pw = 4 * tilesW + 2;
        long nt = (long) n * tiles;
        float[] padded = new float[ph * pw];
        float[] d = new float[36 * tp];
        float[] t = new float[36 * L];
        for (int plane = from; plane < to; plane++) {
            int img = plane / c;
            int ch = plane % c;
            pad(x, (long) plane * g.inH * g.inW, g, padded, ph, pw);
            // Gather each tile's 6x6 window: d[(i * 6 + j) * tp + tile].
            for (int i = 0; i < 6; i++) {
                for (int j = 0; j < 6; j++) {
                    int dst = (i * 6 + j) * tp;
                    for (int th = 0; th < tilesH; th++) {
                        int src = (4 * th + i) * pw + j;
                        for (int tw = 0; tw < tilesW; tw++, dst++, src += 4) {
                            d[dst] = padded[src];
                        }
                    }
                }
            }
            long vBase = (long) ch * nt + (long) img * tiles;
            long xiStride = (long) c * nt;
            for (int t0 = 0; t0 < tiles; t0 += L) {
                transformInputChunk(d, tp, t0, t, v, vBase + t0, xiStride, S.indexInRange(t0, tiles));
            }
        }
    }

    /** Copies one input plane into a zero-bordered array whose (0, 0) is input (-padTop, -padLeft). */
    private static void pad(MemorySegment x, long planeOff, WindowGeometry g, float[] padded, int ph, int pw) {
        Arrays.fill(padded, 0f);
        int cols = Math.min(g.inW, pw - g.pW);
        if (cols <= 0) {
            return;
        }
        for (int pr = 0; pr < ph; pr++) {
            int ih = pr - g.pH;
            if (ih >= 0 && ih < g.inH) {
                MemorySegment.copy(x, ValueLayout.JAVA_FLOAT_UNALIGNED, (planeOff + (long) ih * g.inW) * 4,
                        padded, pr * pw + g.pW, cols);
            }
        }
    }

    // B^T of F(4, 3), applied to a column (d0..d5) of a tile:
    //   4d0 - 5d2 + d4 | -4d1 - 4d2 + d3 + d4 | 4d1 - 4d2 - d3 + d4 | -2d1 - d2 + 2d3 + d4 | 2d1 - d2 - 2d3 + d4 | 4d1 - 5d3 + d5
    private static void transformInputChunk(float[] d, int tp, int t0, float[] t, MemorySegment v, long vOff,
                                            long xiStride, VectorMask<Float> mask) {
        for (int j = 0; j < 6; j++) {
            FloatVector d0 = FloatVector.fromArray(S, d, (j) * tp + t0);
            FloatVector d1 = FloatVector.fromArray(S, d, (6 + j) * tp + t0);
            FloatVector d2 = FloatVector.fromArray(S, d, (12 + j) * tp + t0);
            FloatVector d3 = FloatVector.fromArray(S, d, (18 + j) * tp + t0);
            FloatVector d4 = FloatVector.fromArray(S, d, (24 + j) * tp + t0);
            FloatVector d5 = FloatVector.fromArray(S, d, (30 + j) * tp + t0);
            bt(d0, d1, d2, d3, d4, d5, t, j, 6);
        }
        for (int k = 0; k < 6; k++) {
            FloatVector e0 = FloatVector.fromArray(S, t, (k * 6) * L);
            FloatVector e1 = FloatVector.fromArray(S, t, (k * 6 + 1) * L);
            FloatVector e2 = FloatVector.fromArray(S, t, (k * 6 + 2) * L);
            FloatVector e3 = FloatVector.fromArray(S, t, (k * 6 + 3) * L);
            FloatVector e4 = FloatVector.fromArray(S, t, (k * 6 + 4) * L);
            FloatVector e5 = FloatVector.fromArray(S, t, (k * 6 + 5) * L);
            // Same B^T as bt(), applied along the row; results go straight to V.
            long at = (k * 6 * xiStride + vOff) * 4;
            long step = xiStride * 4;
            store(e0.fma(FOUR, e4.sub(e2.mul(5f))), v, at, mask);
            store(e4.add(e3).sub(e1.add(e2).mul(FOUR)), v, at + step, mask);
            store(e4.sub(e3).add(e1.sub(e2).mul(FOUR)), v, at + 2 * step, mask);
            store(e4.sub(e2).sub(e1.sub(e3).mul(TWO)), v, at + 3 * step, mask);
            store(e4.sub(e2).add(e1.sub(e3).mul(TWO)), v, at + 4 * step, mask);
            store(e1.fma(FOUR, e5.sub(e3.mul(5f))), v, at + 5 * step, mask);
        }
    }

    private static FloatVector load(MemorySegment seg, long at, VectorMask<Float> mask) {
        return mask.allTrue() ? FloatVector.fromMemorySegment(S, seg, at, LE) : FloatVector.fromMemorySegment(S, seg, at, LE, mask);
    }

    private static void store(FloatVector value, MemorySegment seg, long at, VectorMask<Float> mask) {
        if (mask.allTrue()) {
            value.intoMemorySegment(seg, at, LE);
        } else {
            value.intoMemorySegment(seg, at, LE, mask);
        }
    }

    /** Column transform: writes B^T (d0..d5) to rows k of column {@code col} of the 6x6 vector grid {@code t}. */
    private static void bt(FloatVector d0, FloatVector d1, FloatVector d2, FloatVector d3, FloatVector d4,
                           FloatVector d5, float[] t, int col, int rowStride) {
        FloatVector four = FOUR;
        FloatVector two = TWO;
        d0.fma(four, d4.sub(d2.mul(5f))).intoArray(t, (0 * rowStride + col) * L);
        d4.add(d3).sub(d1.add(d2).mul(four)).intoArray(t, (1 * rowStride + col) * L);
        d4.sub(d3).add(d1.sub(d2).mul(four)).intoArray(t, (2 * rowStride + col) * L);
        d4.sub(d2).sub(d1.sub(d3).mul(two)).intoArray(t, (3 * rowStride + col) * L);
        d4.sub(d2).add(d1.sub(d3).mul(two)).intoArray(t, (4 * rowStride + col) * L);
        d1.fma(four, d5.sub(d3.mul(5f))).intoArray(t, (5 * rowStride + col) * L);
    }

    /** Transforms planes [from, to) of the flattened (image, output channel) range and finishes them. */
    private static void outputTransform(MemorySegment p, MemorySegment y, ConvEpilogue epilogue, int n, int m,
                                        WindowGeometry g, int from, int to) {
        int tilesH = ceilDiv(g.outH, 4);
        int tilesW = ceilDiv(g.outW, 4);
        int tiles = tilesH * tilesW;
        long nt = (long) n * tiles;
        long xiStride = (long) m * nt;
        int outW = g.outW;
        int outPlane = g.outH * g.outW;
        float[] t = new float[24 * L];
        float[] o = new float[16 * L];
        float[] plane = new float[outPlane];
        for (int pl = from; pl < to; pl++) {
            int img = pl / m;
            int oc = pl % m;
            long pBase = (long) oc * nt + (long) img * tiles;
            for (int t0 = 0; t0 < tiles; t0 += L) {
                VectorMask<Float> mask = S.indexInRange(t0, tiles);
                // Columns: t[r][l] = A^T (P[0][l] .. P[5][l]).
                for (int l = 0; l < 6; l++) {
                    long at0 = (l * xiStride + pBase + t0) * 4;
                    long step = 6 * xiStride * 4;
                    at(load(p, at0, mask), load(p, at0 + step, mask), load(p, at0 + 2 * step, mask),
                            load(p, at0 + 3 * step, mask), load(p, at0 + 4 * step, mask), load(p, at0 + 5 * step, mask),
                            t, l, 6);
                }
                // Rows: o[r][s] = A^T (t[r][0] .. t[r][5]).
                for (int r = 0; r < 4; r++) {
                    int b = r * 6;
                    at(FloatVector.fromArray(S, t, b * L), FloatVector.fromArray(S, t, (b + 1) * L),
                            FloatVector.fromArray(S, t, (b + 2) * L), FloatVector.fromArray(S, t, (b + 3) * L),
                            FloatVector.fromArray(S, t, (b + 4) * L), FloatVector.fromArray(S, t, (b + 5) * L),
                            o, r * 4, 1);
                }
                int count = Math.min(L, tiles - t0);
                for (int lane = 0; lane < count; lane++) {
                    int tile = t0 + lane;
                    int oh0 = tile / tilesW * 4;
                    int ow0 = tile % tilesW * 4;
                    int rows = Math.min(4, g.outH - oh0);
                    int cols = Math.min(4, outW - ow0);
                    for (int r = 0; r < rows; r++) {
                        int dst = (oh0 + r) * outW + ow0;
                        for (int s = 0; s < cols; s++) {
                            plane[dst + s] = o[(r * 4 + s) * L + lane];
                        }
                    }
                }
            }
            epilogue.apply(plane, 0, y, (long) pl * outPlane, outPlane, oc);
        }
    }

    // A^T of F(4, 3): m0+m1+m2+m3+m4 | m1-m2+2(m3-m4) | m1+m2+4(m3+m4) | m1-m2+8(m3-m4)+m5
    private static void at(FloatVector m0, FloatVector m1, FloatVector m2, FloatVector m3, FloatVector m4,
                           FloatVector m5, float[] t, int col, int rowStride) {
        FloatVector sum12 = m1.add(m2);
        FloatVector dif12 = m1.sub(m2);
        FloatVector sum34 = m3.add(m4);
        FloatVector dif34 = m3.sub(m4);
        m0.add(sum12).add(sum34).intoArray(t, (0 * rowStride + col) * L);
        dif34.fma(TWO, dif12).intoArray(t, (1 * rowStride + col) * L);
        sum34.fma(FOUR, sum12).intoArray(t, (2 * rowStride + col) * L);
        dif34.fma(EIGHT, dif12.add(m5)).intoArray(t, (3 * rowStride + col) * L);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int roundUp(int a, int b) {
        return ceilDiv(a, b) * b;
    }
}
