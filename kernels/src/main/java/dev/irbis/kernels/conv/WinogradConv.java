package dev.irbis.kernels.conv;

import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * 2-D 3x3 convolution, stride 1, dilation 1, one group, by Winograd F(m x m, 3x3) ({@link WinogradTile}: m = 4,
 * or m = 2 for small maps): each m x m block of outputs comes from an (m + 2) x (m + 2) input tile with
 * P = (m + 2)^2 multiplies per channel pair instead of 9 m^2.
 * <ol>
 * <li>input transform {@code V = B^T d B} of every tile of every image (padding read as zeros), parallel
 *     over input channels, vectorised over tiles, written straight into the panel layout the products read;</li>
 * <li>P products {@code P[xi] (Mp x Tp) = U[xi] (Mp x C) * V[xi] (C x Tp)} by {@link WinogradProduct}, parallel
 *     over (xi, tile panel): no packing at run time (the caller packs the weights once, {@link WinogradWeights#pack});</li>
 * <li>output transform {@code A^T P A}, parallel over (image, output channel): each vector of tiles is scattered
 *     into a plane padded to whole tiles (one scatter per output position with AVX-512, lane by lane otherwise), which
 *     is cropped and finished with the epilogue (bias, residual, ReLU) while still in cache. Against copying each
 *     output of each lane on its own (64 channels at 56x56, one Zen 5 thread, both in one JVM): 243 against 376 us,
 *     and the whole convolution 1.07-1.21x faster on ResNet-50's F(4x4) layers.</li>
 * </ol>
 * Tiles of all images are numbered together, image-major: {@code t = image * tiles + tileRow * tilesW + tileCol};
 * T of them, padded to Tp (see {@link #paddedTiles}) so that every vector load and store is whole.
 * <p>Layouts: x [N, C, inH, inW], y [N, M, outH, outW] dense float32; U from {@link WinogradWeights#pack} for the
 * same tile; V [P][panel][C][width] (panels of {@link WinogradProduct#NR} tiles, the last one {@link WinogradProduct#L}
 * wide when Tp is an odd number of vectors; padding tiles zero); P [P][Mp][Tp].
 * Scratch: {@code v} of {@link #inputScratchFloats} and {@code p} of {@link #productScratchFloats} floats.
 * Threads: the budget's, never more; OpenBLAS is not involved.
 */
public final class WinogradConv {
    private static final VectorSpecies<Float> S = WinogradProduct.S;
    private static final int L = WinogradProduct.L;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private static final FloatVector FOUR = FloatVector.broadcast(S, 4f);
    private static final FloatVector FIVE = FloatVector.broadcast(S, 5f);
    private static final FloatVector TWO = FloatVector.broadcast(S, 2f);
    private static final FloatVector EIGHT = FloatVector.broadcast(S, 8f);
    /** Vector scatters are instructions with AVX-512 (16 lanes); with AVX2 the Vector API emulates them, slowly. */
    private static final boolean SCATTER = L >= 16;

    /** See {@link #imagesPerPass}. */
    static final int MIN_TILES_PER_PASS = 192;

    private WinogradConv() {
    }

    /** True for geometries this kernel computes: 2-D, 3x3, stride 1, dilation 1 (any padding). */
    public static boolean supports(WindowGeometry g) {
        return g.kD == 1 && g.inD == 1 && g.kH == 3 && g.kW == 3 && g.sH == 1 && g.sW == 1
                && g.dH == 1 && g.dW == 1;
    }

    /**
     * Images per call of {@link #run} for a batch of n: the fewest that give {@value #MIN_TILES_PER_PASS} tiles, so each
     * transformed weight still serves that many tiles, and no more, so that the V and P of a large map stay in cache
     * between the three stages. A batch of 8 56 x 56 maps (64 channels, F(4x4): 196 tiles each) one image per call,
     * in one JVM against the whole batch at once: 1.09-1.11x faster on 2 threads, 1.35-1.40x on 1; 28 x 28 maps
     * (49 tiles) 4 per call, 1.01-1.07x; 14 x 14 maps (16 tiles) one image per call was 0.72x, so their batch stays whole.
     */
    public static int imagesPerPass(WinogradTile tile, int n, WindowGeometry g) {
        int perImage = tiles(tile, g);
        return Math.min(n, Math.max(1, ceilDiv(MIN_TILES_PER_PASS, perImage)));
    }

    /** Tiles per image: m x m output blocks, the last row and column of blocks possibly partial. */
    public static int tiles(WinogradTile tile, WindowGeometry g) {
        return ceilDiv(g.outH, tile.out) * ceilDiv(g.outW, tile.out);
    }

    /**
     * Tiles of all n images padded so that a whole vector read at any image's tile chunk stays inside:
     * the last image's chunks reach {@code (n - 1) * tiles + roundUp(tiles, L)}.
     */
    public static long paddedTiles(WinogradTile tile, int n, WindowGeometry g) {
        int tiles = tiles(tile, g);
        return roundUp((long) (n - 1) * tiles + roundUp(tiles, L), L);
    }

    public static long inputScratchFloats(WinogradTile tile, int n, int c, WindowGeometry g) {
        return (long) tile.positions * c * paddedTiles(tile, n, g);
    }

    public static long productScratchFloats(WinogradTile tile, int n, int m, WindowGeometry g) {
        return (long) tile.positions * WinogradWeights.paddedRows(m) * paddedTiles(tile, n, g);
    }

    public static void run(ThreadBudget budget, WinogradTile tile, MemorySegment x, float[] u, ConvEpilogue epilogue,
                           MemorySegment y, int n, int c, int m, WindowGeometry g, MemorySegment v, MemorySegment p) {
        int tiles = tiles(tile, g);
        int tp = Math.toIntExact(paddedTiles(tile, n, g));
        int mp = WinogradWeights.paddedRows(m);
        if (u.length != (long) tile.positions * mp * c) {
            throw new IllegalArgumentException("packed weights hold " + u.length + " floats, expected " + tile.positions
                    + " x " + mp + " x " + c + " for " + tile);
        }
        budget.parallelRange(c, minChunk(n * tiles), (s, e) -> inputTransform(tile, x, v, n, c, g, tp, (int) s, (int) e));
        int panels = WinogradProduct.panels(tp);
        budget.parallelRange((long) tile.positions * panels, 1, (s, e) -> {
            for (long unit = s; unit < e; unit++) {
                int xi = (int) (unit / panels);
                WinogradProduct.panel(u, (long) xi * mp * c, mp, c, v, (long) xi * c * tp, tp, (int) (unit % panels),
                        p, (long) xi * mp * tp);
            }
        });
        budget.parallelRange((long) n * m, minChunk(tiles), (s, e) -> outputTransform(tile, p, y, epilogue, n, m, mp, g,
                tp, (int) s, (int) e));
    }

    private static long minChunk(int tiles) {
        // About 64 tiles of work per task keeps the hand-off small against the transforms.
        return Math.max(1, 64 / tiles);
    }

    /** Transforms input channels [from, to) of all images. */
    static void inputTransform(WinogradTile tile, MemorySegment x, MemorySegment v, int n, int c, WindowGeometry g,
                               int tp, int from, int to) {
        int tilesH = ceilDiv(g.outH, tile.out);
        int tilesW = ceilDiv(g.outW, tile.out);
        int ph = tile.out * tilesH + 2;
        int pw = tile.out * tilesW + 2;
        int stacked = n * ph * pw;
        // The channel's n zero-bordered planes, then zeros that every padding tile's window reads.
        float[] padded = new float[stacked + (tile.in - 1) * pw + tile.in];
        float[] plane = new float[g.inH * g.inW];
        int[] corner = tileCorners(tile.out, n, tilesH, tilesW, ph, pw, tp, stacked);
        float[] t = new float[tile.positions * L];
        long xiStride = (long) c * tp * 4;
        for (int ch = from; ch < to; ch++) {
            for (int img = 0; img < n; img++) {
                pad(x, ((long) img * c + ch) * plane.length, g, plane, padded, img * ph * pw, ph, pw);
            }
            for (int t0 = 0; t0 < tp; t0 += L) {
                // Chunks start at multiples of L and panels are whole vectors wide, so a chunk is inside one panel.
                long at = (WinogradProduct.panelStart(t0, c) + (long) ch * WinogradProduct.panelWidth(t0, tp)
                        + t0 % WinogradProduct.NR) * 4;
                if (tile == WinogradTile.F4X4) {
                    transformInputChunk(padded, pw, corner, t0, t, v, at, xiStride);
                } else {
                    transformInputChunkF2(padded, pw, corner, t0, t, v, at, xiStride);
                }
            }
        }
    }

    /**
     * Index in the stacked padded planes of each tile's top-left input; tiles past the last image's point at
     * the zeros after the stack.
     */
    private static int[] tileCorners(int step, int n, int tilesH, int tilesW, int ph, int pw, int tp, int stacked) {
        int[] corner = new int[tp];
        int tiles = tilesH * tilesW;
        for (int t = 0; t < tp; t++) {
            if (t < n * tiles) {
                int tile = t % tiles;
                corner[t] = t / tiles * ph * pw + step * (tile / tilesW) * pw + step * (tile % tilesW);
            } else {
                corner[t] = stacked;
            }
        }
        return corner;
    }

    /**
     * Copies one input plane (read whole: one bulk copy costs less than a segment copy per row) into
     * {@code padded} from {@code at}, a zero-bordered ph x pw plane whose (0, 0) is input (-padTop, -padLeft). Only the
     * interior is written, so a fresh {@code padded} keeps its zero border across channels.
     */
    private static void pad(MemorySegment x, long planeOff, WindowGeometry g, float[] plane, float[] padded, int at,
                            int ph, int pw) {
        // Every channel writes the same interior cells, so the border stays as allocated: zero.
        int cols = Math.min(g.inW, pw - g.pW);
        if (cols <= 0) {
            return;
        }
        MemorySegment.copy(x, ValueLayout.JAVA_FLOAT_UNALIGNED, planeOff * 4, plane, 0, plane.length);
        for (int pr = 0; pr < ph; pr++) {
            int ih = pr - g.pH;
            if (ih >= 0 && ih < g.inH) {
                System.arraycopy(plane, ih * g.inW, padded, at + pr * pw + g.pW, cols);
            }
        }
    }

    // B^T of F(4, 3), applied to a column (d0..d5) of a tile:
    //   4d0 - 5d2 + d4 | -4d1 - 4d2 + d3 + d4 | 4d1 - 4d2 - d3 + d4 | -2d1 - d2 + 2d3 + d4 | 2d1 - d2 - 2d3 + d4 | 4d1 - 5d3 + d5
    private static void transformInputChunk(float[] padded, int pw, int[] corner, int t0, float[] t, MemorySegment v,
                                            long at, long step) {
        for (int j = 0; j < 6; j++) {
            // Lane l reads row i, column j of tile t0 + l's window: a gather through the tile corners.
            FloatVector d0 = FloatVector.fromArray(S, padded, j, corner, t0);
            FloatVector d1 = FloatVector.fromArray(S, padded, pw + j, corner, t0);
            FloatVector d2 = FloatVector.fromArray(S, padded, 2 * pw + j, corner, t0);
            FloatVector d3 = FloatVector.fromArray(S, padded, 3 * pw + j, corner, t0);
            FloatVector d4 = FloatVector.fromArray(S, padded, 4 * pw + j, corner, t0);
            FloatVector d5 = FloatVector.fromArray(S, padded, 5 * pw + j, corner, t0);
            bt(d0, d1, d2, d3, d4, d5, t, j);
        }
        for (int k = 0; k < 6; k++) {
            FloatVector e0 = FloatVector.fromArray(S, t, (k * 6) * L);
            FloatVector e1 = FloatVector.fromArray(S, t, (k * 6 + 1) * L);
            FloatVector e2 = FloatVector.fromArray(S, t, (k * 6 + 2) * L);
            FloatVector e3 = FloatVector.fromArray(S, t, (k * 6 + 3) * L);
            FloatVector e4 = FloatVector.fromArray(S, t, (k * 6 + 4) * L);
            FloatVector e5 = FloatVector.fromArray(S, t, (k * 6 + 5) * L);
            // Same B^T as bt(), applied along the row; results go straight to V.
            long row = at + k * 6 * step;
            e0.fma(FOUR, e4.sub(e2.mul(FIVE))).intoMemorySegment(v, row, LE);
            e4.add(e3).sub(e1.add(e2).mul(FOUR)).intoMemorySegment(v, row + step, LE);
            e4.sub(e3).add(e1.sub(e2).mul(FOUR)).intoMemorySegment(v, row + 2 * step, LE);
            e4.sub(e2).sub(e1.sub(e3).mul(TWO)).intoMemorySegment(v, row + 3 * step, LE);
            e4.sub(e2).add(e1.sub(e3).mul(TWO)).intoMemorySegment(v, row + 4 * step, LE);
            e1.fma(FOUR, e5.sub(e3.mul(FIVE))).intoMemorySegment(v, row + 5 * step, LE);
        }
    }

    /** Column transform: writes B^T (d0..d5) to row k, column {@code col} of the 6x6 vector grid {@code t}. */
    private static void bt(FloatVector d0, FloatVector d1, FloatVector d2, FloatVector d3, FloatVector d4,
                           FloatVector d5, float[] t, int col) {
        d0.fma(FOUR, d4.sub(d2.mul(FIVE))).intoArray(t, col * L);
        d4.add(d3).sub(d1.add(d2).mul(FOUR)).intoArray(t, (6 + col) * L);
        d4.sub(d3).add(d1.sub(d2).mul(FOUR)).intoArray(t, (12 + col) * L);
        d4.sub(d2).sub(d1.sub(d3).mul(TWO)).intoArray(t, (18 + col) * L);
        d4.sub(d2).add(d1.sub(d3).mul(TWO)).intoArray(t, (24 + col) * L);
        d1.fma(FOUR, d5.sub(d3.mul(FIVE))).intoArray(t, (30 + col) * L);
    }

    // B^T of F(2, 3) on (d0..d3): d0 - d2 | d1 + d2 | d2 - d1 | d1 - d3; as transformInputChunk, 4x4 tiles.
    private static void transformInputChunkF2(float[] padded, int pw, int[] corner, int t0, float[] t, MemorySegment v,
                                              long at, long step) {
        for (int j = 0; j < 4; j++) {
            FloatVector d0 = FloatVector.fromArray(S, padded, j, corner, t0);
            FloatVector d1 = FloatVector.fromArray(S, padded, pw + j, corner, t0);
            FloatVector d2 = FloatVector.fromArray(S, padded, 2 * pw + j, corner, t0);
            FloatVector d3 = FloatVector.fromArray(S, padded, 3 * pw + j, corner, t0);
            d0.sub(d2).intoArray(t, j * L);
            d1.add(d2).intoArray(t, (4 + j) * L);
            d2.sub(d1).intoArray(t, (8 + j) * L);
            d1.sub(d3).intoArray(t, (12 + j) * L);
        }
        for (int k = 0; k < 4; k++) {
            FloatVector e0 = FloatVector.fromArray(S, t, (k * 4) * L);
            FloatVector e1 = FloatVector.fromArray(S, t, (k * 4 + 1) * L);
            FloatVector e2 = FloatVector.fromArray(S, t, (k * 4 + 2) * L);
            FloatVector e3 = FloatVector.fromArray(S, t, (k * 4 + 3) * L);
            long row = at + k * 4 * step;
            e0.sub(e2).intoMemorySegment(v, row, LE);
            e1.add(e2).intoMemorySegment(v, row + step, LE);
            e2.sub(e1).intoMemorySegment(v, row + 2 * step, LE);
            e1.sub(e3).intoMemorySegment(v, row + 3 * step, LE);
        }
    }

    /** Transforms planes [from, to) of the flattened (image, output channel) range and finishes them. */
    static void outputTransform(WinogradTile tile, MemorySegment p, MemorySegment y, ConvEpilogue epilogue, int n,
                                int m, int mp, WindowGeometry g, int tp, int from, int to) {
        int size = tile.out;
        int tilesH = ceilDiv(g.outH, size);
        int tilesW = ceilDiv(g.outW, size);
        int tiles = tilesH * tilesW;
        long step = (long) mp * tp * 4;
        int outW = g.outW;
        int outPlane = g.outH * g.outW;
        // The plane is written whole tiles at a time (tilesH x tilesW blocks), then cropped to outH x outW.
        int planeW = tilesW * size;
        int dump = tilesH * size * planeW;
        float[] t = new float[24 * L];
        float[] o = new float[16 * L];
        float[] plane = new float[dump + size * planeW];
        int[] origin = tileOrigins(size, tiles, tilesW, planeW, dump);
        for (int pl = from; pl < to; pl++) {
            int img = pl / m;
            int oc = pl % m;
            long rowStart = ((long) oc * tp + (long) img * tiles) * 4;
            for (int t0 = 0; t0 < tiles; t0 += L) {
                if (tile == WinogradTile.F4X4) {
                    outputChunk(p, rowStart + t0 * 4L, step, t, o);
                } else {
                    outputChunkF2(p, rowStart + t0 * 4L, step, t, o);
                }
                scatterChunk(o, size, plane, planeW, origin, t0, Math.min(L, tiles - t0));
            }
            if (planeW != outW) {
                for (int r = 1; r < g.outH; r++) {
                    System.arraycopy(plane, r * planeW, plane, r * outW, outW);
                }
            }
            epilogue.apply(plane, 0, y, (long) pl * outPlane, outPlane, oc);
        }
    }

    /**
     * Where each tile's top-left output goes in the tile-padded plane (row stride {@code planeW}); the lanes past the
     * last tile of a chunk point at a spare block after the plane.
     */
    private static int[] tileOrigins(int size, int tiles, int tilesW, int planeW, int dump) {
        int[] origin = new int[roundUp(tiles, L)];
        for (int t = 0; t < origin.length; t++) {
            origin[t] = t < tiles ? t / tilesW * size * planeW + t % tilesW * size : dump;
        }
        return origin;
    }

    /**
     * Writes the size x size outputs of the {@code count} tiles from {@code t0} ({@code o[(r * size + s) * L + lane]})
     * into the plane: one scatter per output position where the hardware has them (AVX-512) and the chunk is full,
     * else lane by lane (a 7x7 map's 4 tiles would waste three quarters of each scatter).
     */
    private static void scatterChunk(float[] o, int size, float[] plane, int planeW, int[] origin, int t0, int count) {
        boolean whole = SCATTER && count == L;
        for (int r = 0; r < size; r++) {
            for (int s = 0; s < size; s++) {
                int src = (r * size + s) * L;
                int shift = r * planeW + s;
                if (whole) {
                    FloatVector.fromArray(S, o, src).intoArray(plane, shift, origin, t0);
                } else {
                    for (int lane = 0; lane < count; lane++) {
                        plane[origin[t0 + lane] + shift] = o[src + lane];
                    }
                }
            }
        }
    }

    /**
     * A^T P A of F(4, 3) for the L tiles whose P starts at byte {@code at0} (positions {@code step} bytes apart):
     * the 4x4 outputs to {@code o[(r * 4 + s) * L + lane]}.
     */
    private static void outputChunk(MemorySegment p, long at0, long step, float[] t, float[] o) {
        // Columns: t[r][l] = A^T (P[0][l] .. P[5][l]); whole vectors (tp covers the overhang).
        for (int l = 0; l < 6; l++) {
            long col = at0 + l * step;
            long six = 6 * step;
            at(FloatVector.fromMemorySegment(S, p, col, LE), FloatVector.fromMemorySegment(S, p, col + six, LE),
                    FloatVector.fromMemorySegment(S, p, col + 2 * six, LE),
                    FloatVector.fromMemorySegment(S, p, col + 3 * six, LE),
                    FloatVector.fromMemorySegment(S, p, col + 4 * six, LE),
                    FloatVector.fromMemorySegment(S, p, col + 5 * six, LE), t, l, 6);
        }
        // Rows: o[r][s] = A^T (t[r][0] .. t[r][5]).
        for (int r = 0; r < 4; r++) {
            int b = r * 6;
            at(FloatVector.fromArray(S, t, b * L), FloatVector.fromArray(S, t, (b + 1) * L),
                    FloatVector.fromArray(S, t, (b + 2) * L), FloatVector.fromArray(S, t, (b + 3) * L),
                    FloatVector.fromArray(S, t, (b + 4) * L), FloatVector.fromArray(S, t, (b + 5) * L),
                    o, r * 4, 1);
        }
    }

    /** As {@link #outputChunk} for F(2, 3), A^T = [1 1 1 0; 0 1 -1 -1]: the 2x2 outputs to {@code o[(r * 2 + s) * L]}. */
    private static void outputChunkF2(MemorySegment p, long at0, long step, float[] t, float[] o) {
        for (int l = 0; l < 4; l++) {
            long col = at0 + l * step;
            long four = 4 * step;
            FloatVector m0 = FloatVector.fromMemorySegment(S, p, col, LE);
            FloatVector m1 = FloatVector.fromMemorySegment(S, p, col + four, LE);
            FloatVector m2 = FloatVector.fromMemorySegment(S, p, col + 2 * four, LE);
            FloatVector m3 = FloatVector.fromMemorySegment(S, p, col + 3 * four, LE);
            m0.add(m1).add(m2).intoArray(t, l * L);
            m1.sub(m2).sub(m3).intoArray(t, (4 + l) * L);
        }
        for (int r = 0; r < 2; r++) {
            FloatVector m0 = FloatVector.fromArray(S, t, (r * 4) * L);
            FloatVector m1 = FloatVector.fromArray(S, t, (r * 4 + 1) * L);
            FloatVector m2 = FloatVector.fromArray(S, t, (r * 4 + 2) * L);
            FloatVector m3 = FloatVector.fromArray(S, t, (r * 4 + 3) * L);
            m0.add(m1).add(m2).intoArray(o, (r * 2) * L);
            m1.sub(m2).sub(m3).intoArray(o, (r * 2 + 1) * L);
        }
    }

    // A^T of F(4, 3): m0+m1+m2+m3+m4 | m1-m2+2(m3-m4) | m1+m2+4(m3+m4) | m1-m2+8(m3-m4)+m5
    private static void at(FloatVector m0, FloatVector m1, FloatVector m2, FloatVector m3, FloatVector m4,
                           FloatVector m5, float[] t, int col, int rowStride) {
        FloatVector sum12 = m1.add(m2);
        FloatVector dif12 = m1.sub(m2);
        FloatVector sum34 = m3.add(m4);
        FloatVector dif34 = m3.sub(m4);
        m0.add(sum12).add(sum34).intoArray(t, col * L);
        dif34.fma(TWO, dif12).intoArray(t, (rowStride + col) * L);
        sum34.fma(FOUR, sum12).intoArray(t, (2 * rowStride + col) * L);
        dif34.fma(EIGHT, dif12.add(m5)).intoArray(t, (3 * rowStride + col) * L);
    }

    private static int ceilDiv(int a, int b) {
        return (a + b - 1) / b;
    }

    private static int roundUp(int a, int b) {
        return ceilDiv(a, b) * b;
    }

    private static long roundUp(long a, int b) {
        return (a + b - 1) / b * b;
    }
}
