package dev.irbis.kernels.gemm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked GEMM micro-kernels: one {@link #ROWS} x (v * L) tile of the product of a packed A sliver
 * and a packed B sliver, where L is the preferred float vector length and the tile is {@link #NR} (3L with
 * AVX-512's 32 registers, 2L with AVX2's 16), 2L, L or L / 2 wide (the narrow ones finish a ragged N without
 * computing a full panel of mostly padding). 3L suits ResNet's maps at 16 lanes: 7 x 7 = 49 columns are one
 * 48-wide panel and a dot column, where 2L panels computed 64 (and 14 x 14 = 196 is 4 x 48 + 4).
 * <p>Packed A is row-major with row stride {@code as}: element (r, p) at {@code a[a0 + r * as + p]}
 * (rows beyond the valid ones are zero). Packed B is {@code [p][width]}: element (p, j) at
 * {@code b[b0 + p * width + j]} (columns beyond the valid ones are zero).
 * <p>The kernels write the tile to a small array, row-major with rows of the tile width; {@link #merge} then applies
 * alpha and beta to the valid part of C. Keeping C, masks and scaling out of the kernels keeps them small
 * enough for C2 to compile as one unit (a kernel that also did masked stores and scaling hit the inlining node limit
 * and boxed its accumulators). The one exception is a whole tile that overwrites C (alpha 1, beta 0: a convolution's
 * product when K fits one block): {@link #tile6x3Into} and {@link #tile6x2Into} store straight into C with unmasked
 * vectors, which C2 still keeps in registers, and skip the round trip through the array (on one Zen 5 core with
 * operands in L1: 191 against 170-176 GFLOP/s at kc = 64; in the whole GEMM, 1.08-1.23x at 256x64x3136 and
 * 512x128x784). Adding into C the same way (later K blocks) measured 0.91-0.96x of {@link #merge} and is not done.
 * <p>The accumulators are separate locals, not an array, so that C2 keeps all of them in registers
 * (12 accumulators + 2 B vectors + 1 broadcast fit the 16 registers of AVX2; the 6 x 3L tile's 18 + 3 + 1 fit
 * AVX-512's 32, and measured as fast per FMA as 6 x 2L, about 220 GFLOP/s on one Zen 5 core with operands in L1).
 */
final class MicroKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    /** Half the preferred width, for narrow last panels; the preferred species itself below 256 bits. */
    static final VectorSpecies<Float> HALF = L >= 8
            ? VectorSpecies.of(float.class, VectorShape.forBitSize(S.vectorBitSize() / 2)) : S;
    static final int H = HALF.length();
    static final int ROWS = 6;
    /** Vectors in a full column panel: 3 where there are 32 vector registers (512-bit vectors), else 2. */
    static final int PANEL_VECTORS = L >= 16 ? 3 : 2;
    /** Columns of a full panel. */
    static final int NR = PANEL_VECTORS * L;
    /** Up to this many last columns go to {@link #tileDot}: a half-width tile would be mostly padding. */
    static final int DOT_COLUMNS = Math.max(1, H / 2);
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** Lane i to lane i ^ d: adding a vector to itself so shuffled folds its sums by distance d ({@link #tileDot}). */
    static final VectorShuffle<Float> FOLD_8 = fold(8), FOLD_4 = fold(4), FOLD_2 = fold(2), FOLD_1 = fold(1);

    private MicroKernels() {
    }

    private static VectorShuffle<Float> fold(int d) {
        return VectorShuffle.fromOp(S, i -> (i ^ d) & (L - 1));
    }

    /** A 6 x 3L tile (only where {@link #PANEL_VECTORS} is 3). */
    static void tile6x3(int kc, float[] a, int a0, int as, float[] b, int b0,
                        float[] t) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c42 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S), c52 = FloatVector.zero(S);
        int a1 = a0 + as, a2 = a1 + as, a3 = a2 + as, a4 = a3 + as, a5 = a4 + as;
        int bi = b0;
        for (int p = 0; p < kc; p++, bi += 3 * L) {
            FloatVector b0v = FloatVector.fromArray(S, b, bi);
            FloatVector b1v = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2v = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            c02 = x.fma(b2v, c02);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            c12 = x.fma(b2v, c12);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            c22 = x.fma(b2v, c22);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
            c32 = x.fma(b2v, c32);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0v, c40);
            c41 = x.fma(b1v, c41);
            c42 = x.fma(b2v, c42);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0v, c50);
            c51 = x.fma(b1v, c51);
            c52 = x.fma(b2v, c52);
        }
        int w = 3 * L;
        c00.intoArray(t, 0); c01.intoArray(t, L); c02.intoArray(t, 2 * L);
        c10.intoArray(t, w); c11.intoArray(t, w + L); c12.intoArray(t, w + 2 * L);
        c20.intoArray(t, 2 * w); c21.intoArray(t, 2 * w + L); c22.intoArray(t, 2 * w + 2 * L);
        c30.intoArray(t, 3 * w); c31.intoArray(t, 3 * w + L); c32.intoArray(t, 3 * w + 2 * L);
        c40.intoArray(t, 4 * w); c41.intoArray(t, 4 * w + L); c42.intoArray(t, 4 * w + 2 * L);
        c50.intoArray(t, 5 * w); c51.intoArray(t, 5 * w + L); c52.intoArray(t, 5 * w + 2 * L);
    }

    /**
     * As {@link #tile6x3}, written straight to the 6 x 3L block of C at byte {@code cByte} (rows {@code ldcBytes}
     * apart): {@code C = tile}.
     */
    static void tile6x3Into(int kc, float[] a, int a0, int as, float[] b, int b0, MemorySegment c, long cByte,
                            long ldcBytes) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S), c02 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S), c12 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S), c22 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S), c32 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S), c42 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S), c52 = FloatVector.zero(S);
        int a1 = a0 + as, a2 = a1 + as, a3 = a2 + as, a4 = a3 + as, a5 = a4 + as;
        int bi = b0;
        for (int p = 0; p < kc; p++, bi += 3 * L) {
            FloatVector b0v = FloatVector.fromArray(S, b, bi);
            FloatVector b1v = FloatVector.fromArray(S, b, bi + L);
            FloatVector b2v = FloatVector.fromArray(S, b, bi + 2 * L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            c02 = x.fma(b2v, c02);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            c12 = x.fma(b2v, c12);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            c22 = x.fma(b2v, c22);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
            c32 = x.fma(b2v, c32);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0v, c40);
            c41 = x.fma(b1v, c41);
            c42 = x.fma(b2v, c42);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0v, c50);
            c51 = x.fma(b1v, c51);
            c52 = x.fma(b2v, c52);
        }
        long v1 = (long) L * Float.BYTES;
        long v2 = 2 * v1;
        long r0 = cByte, r1 = r0 + ldcBytes, r2 = r1 + ldcBytes, r3 = r2 + ldcBytes, r4 = r3 + ldcBytes;
        long r5 = r4 + ldcBytes;
        c00.intoMemorySegment(c, r0, LE); c01.intoMemorySegment(c, r0 + v1, LE); c02.intoMemorySegment(c, r0 + v2, LE);
        c10.intoMemorySegment(c, r1, LE); c11.intoMemorySegment(c, r1 + v1, LE); c12.intoMemorySegment(c, r1 + v2, LE);
        c20.intoMemorySegment(c, r2, LE); c21.intoMemorySegment(c, r2 + v1, LE); c22.intoMemorySegment(c, r2 + v2, LE);
        c30.intoMemorySegment(c, r3, LE); c31.intoMemorySegment(c, r3 + v1, LE); c32.intoMemorySegment(c, r3 + v2, LE);
        c40.intoMemorySegment(c, r4, LE); c41.intoMemorySegment(c, r4 + v1, LE); c42.intoMemorySegment(c, r4 + v2, LE);
        c50.intoMemorySegment(c, r5, LE); c51.intoMemorySegment(c, r5 + v1, LE); c52.intoMemorySegment(c, r5 + v2, LE);
    }

    /** As {@link #tile6x2}, written straight to C (see {@link #tile6x3Into}). */
    static void tile6x2Into(int kc, float[] a, int a0, int as, float[] b, int b0, MemorySegment c, long cByte,
                            long ldcBytes) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int a1 = a0 + as, a2 = a1 + as, a3 = a2 + as, a4 = a3 + as, a5 = a4 + as;
        int bi = b0;
        for (int p = 0; p < kc; p++, bi += 2 * L) {
            FloatVector b0v = FloatVector.fromArray(S, b, bi);
            FloatVector b1v = FloatVector.fromArray(S, b, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0v, c40);
            c41 = x.fma(b1v, c41);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0v, c50);
            c51 = x.fma(b1v, c51);
        }
        long v1 = (long) L * Float.BYTES;
        long r0 = cByte, r1 = r0 + ldcBytes, r2 = r1 + ldcBytes, r3 = r2 + ldcBytes, r4 = r3 + ldcBytes;
        long r5 = r4 + ldcBytes;
        c00.intoMemorySegment(c, r0, LE); c01.intoMemorySegment(c, r0 + v1, LE);
        c10.intoMemorySegment(c, r1, LE); c11.intoMemorySegment(c, r1 + v1, LE);
        c20.intoMemorySegment(c, r2, LE); c21.intoMemorySegment(c, r2 + v1, LE);
        c30.intoMemorySegment(c, r3, LE); c31.intoMemorySegment(c, r3 + v1, LE);
        c40.intoMemorySegment(c, r4, LE); c41.intoMemorySegment(c, r4 + v1, LE);
        c50.intoMemorySegment(c, r5, LE); c51.intoMemorySegment(c, r5 + v1, LE);
    }

    /** A 6 x 2L tile. */
    static void tile6x2(int kc, float[] a, int a0, int as, float[] b, int b0,
                        float[] t) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int a1 = a0 + as, a2 = a1 + as, a3 = a2 + as, a4 = a3 + as, a5 = a4 + as;
        int bi = b0;
        for (int p = 0; p < kc; p++, bi += 2 * L) {
            FloatVector b0v = FloatVector.fromArray(S, b, bi);
            FloatVector b1v = FloatVector.fromArray(S, b, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[a0 + p]);
            c00 = x.fma(b0v, c00);
            c01 = x.fma(b1v, c01);
            x = FloatVector.broadcast(S, a[a1 + p]);
            c10 = x.fma(b0v, c10);
            c11 = x.fma(b1v, c11);
            x = FloatVector.broadcast(S, a[a2 + p]);
            c20 = x.fma(b0v, c20);
            c21 = x.fma(b1v, c21);
            x = FloatVector.broadcast(S, a[a3 + p]);
            c30 = x.fma(b0v, c30);
            c31 = x.fma(b1v, c31);
            x = FloatVector.broadcast(S, a[a4 + p]);
            c40 = x.fma(b0v, c40);
            c41 = x.fma(b1v, c41);
            x = FloatVector.broadcast(S, a[a5 + p]);
            c50 = x.fma(b0v, c50);
            c51 = x.fma(b1v, c51);
        }
        int w = 2 * L;
        c00.intoArray(t, 0); c01.intoArray(t, L);
        c10.intoArray(t, w); c11.intoArray(t, w + L);
        c20.intoArray(t, 2 * w); c21.intoArray(t, 2 * w + L);
        c30.intoArray(t, 3 * w); c31.intoArray(t, 3 * w + L);
        c40.intoArray(t, 4 * w); c41.intoArray(t, 4 * w + L);
        c50.intoArray(t, 5 * w); c51.intoArray(t, 5 * w + L);
    }

    /** A 6 x L tile: the narrow last column panel, so a few leftover columns do not cost a full 2L tile. */
    static void tile6x1(int kc, float[] a, int a0, int as, float[] b, int b0,
                        float[] t) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S), c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S), c4 = FloatVector.zero(S), c5 = FloatVector.zero(S);
        int a1 = a0 + as, a2 = a1 + as, a3 = a2 + as, a4 = a3 + as, a5 = a4 + as;
        int bi = b0;
        for (int p = 0; p < kc; p++, bi += L) {
            FloatVector bv = FloatVector.fromArray(S, b, bi);
            c0 = FloatVector.broadcast(S, a[a0 + p]).fma(bv, c0);
            c1 = FloatVector.broadcast(S, a[a1 + p]).fma(bv, c1);
            c2 = FloatVector.broadcast(S, a[a2 + p]).fma(bv, c2);
            c3 = FloatVector.broadcast(S, a[a3 + p]).fma(bv, c3);
            c4 = FloatVector.broadcast(S, a[a4 + p]).fma(bv, c4);
            c5 = FloatVector.broadcast(S, a[a5 + p]).fma(bv, c5);
        }
        c0.intoArray(t, 0); c1.intoArray(t, L); c2.intoArray(t, 2 * L);
        c3.intoArray(t, 3 * L); c4.intoArray(t, 4 * L); c5.intoArray(t, 5 * L);
    }

    /** A 6 x H tile (H = L / 2, the half-width species): for the last few columns of a ragged N. */
    static void tile6xHalf(int kc, float[] a, int a0, int as, float[] b, int b0,
                        float[] t) {
        FloatVector c0 = FloatVector.zero(HALF), c1 = FloatVector.zero(HALF), c2 = FloatVector.zero(HALF);
        FloatVector c3 = FloatVector.zero(HALF), c4 = FloatVector.zero(HALF), c5 = FloatVector.zero(HALF);
        int a1 = a0 + as, a2 = a1 + as, a3 = a2 + as, a4 = a3 + as, a5 = a4 + as;
        int bi = b0;
        for (int p = 0; p < kc; p++, bi += H) {
            FloatVector bv = FloatVector.fromArray(HALF, b, bi);
            c0 = FloatVector.broadcast(HALF, a[a0 + p]).fma(bv, c0);
            c1 = FloatVector.broadcast(HALF, a[a1 + p]).fma(bv, c1);
            c2 = FloatVector.broadcast(HALF, a[a2 + p]).fma(bv, c2);
            c3 = FloatVector.broadcast(HALF, a[a3 + p]).fma(bv, c3);
            c4 = FloatVector.broadcast(HALF, a[a4 + p]).fma(bv, c4);
            c5 = FloatVector.broadcast(HALF, a[a5 + p]).fma(bv, c5);
        }
        c0.intoArray(t, 0); c1.intoArray(t, H); c2.intoArray(t, 2 * H);
        c3.intoArray(t, 3 * H); c4.intoArray(t, 4 * H); c5.intoArray(t, 5 * H);
    }

    /**
     * A 6 x cols tile for the last one or two columns of a ragged N, as dot products along p: B's columns
     * are packed contiguously ({@code b[b0 + j * kc + p]}), so the vectors run along k and no lanes are
     * wasted on padding columns. Writes {@code t[r * cols + j]}.
     */
    static void tileDot(int kc, float[] a, int a0, int as, float[] b, int b0, int cols, float[] t) {
        int a1 = a0 + as, a2 = a1 + as, a3 = a2 + as, a4 = a3 + as, a5 = a4 + as;
        int kv = kc - kc % L;
        for (int j = 0; j < cols; j++) {
            int bj = b0 + j * kc;
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S), s2 = FloatVector.zero(S);
            FloatVector s3 = FloatVector.zero(S), s4 = FloatVector.zero(S), s5 = FloatVector.zero(S);
            for (int p = 0; p < kv; p += L) {
                FloatVector bv = FloatVector.fromArray(S, b, bj + p);
                s0 = FloatVector.fromArray(S, a, a0 + p).fma(bv, s0);
                s1 = FloatVector.fromArray(S, a, a1 + p).fma(bv, s1);
                s2 = FloatVector.fromArray(S, a, a2 + p).fma(bv, s2);
                s3 = FloatVector.fromArray(S, a, a3 + p).fma(bv, s3);
                s4 = FloatVector.fromArray(S, a, a4 + p).fma(bv, s4);
                s5 = FloatVector.fromArray(S, a, a5 + p).fma(bv, s5);
            }
            // Each sum folded as a fixed tree, upper half onto lower, in Vector API calls only: C2 always inlines
            // those, whereas a helper taking a vector (LaneSum) was left out of this kernel once the GEMM loop that
            // inlines it grew past NodeCountInliningCutoff, and every vector passed to it was boxed on the heap
            // (15% of a 2048 x 512 x 49 GEMM's time went to this column).
            if (L >= 16) {
                s0 = s0.add(s0.rearrange(FOLD_8));
                s1 = s1.add(s1.rearrange(FOLD_8));
                s2 = s2.add(s2.rearrange(FOLD_8));
                s3 = s3.add(s3.rearrange(FOLD_8));
                s4 = s4.add(s4.rearrange(FOLD_8));
                s5 = s5.add(s5.rearrange(FOLD_8));
            }
            if (L >= 8) {
                s0 = s0.add(s0.rearrange(FOLD_4));
                s1 = s1.add(s1.rearrange(FOLD_4));
                s2 = s2.add(s2.rearrange(FOLD_4));
                s3 = s3.add(s3.rearrange(FOLD_4));
                s4 = s4.add(s4.rearrange(FOLD_4));
                s5 = s5.add(s5.rearrange(FOLD_4));
            }
            if (L >= 4) {
                s0 = s0.add(s0.rearrange(FOLD_2));
                s1 = s1.add(s1.rearrange(FOLD_2));
                s2 = s2.add(s2.rearrange(FOLD_2));
                s3 = s3.add(s3.rearrange(FOLD_2));
                s4 = s4.add(s4.rearrange(FOLD_2));
                s5 = s5.add(s5.rearrange(FOLD_2));
            }
            float d0 = s0.add(s0.rearrange(FOLD_1)).lane(0), d1 = s1.add(s1.rearrange(FOLD_1)).lane(0);
            float d2 = s2.add(s2.rearrange(FOLD_1)).lane(0), d3 = s3.add(s3.rearrange(FOLD_1)).lane(0);
            float d4 = s4.add(s4.rearrange(FOLD_1)).lane(0), d5 = s5.add(s5.rearrange(FOLD_1)).lane(0);
            for (int p = kv; p < kc; p++) {
                float bv = b[bj + p];
                d0 += a[a0 + p] * bv;
                d1 += a[a1 + p] * bv;
                d2 += a[a2 + p] * bv;
                d3 += a[a3 + p] * bv;
                d4 += a[a4 + p] * bv;
                d5 += a[a5 + p] * bv;
            }
            t[j] = d0;
            t[cols + j] = d1;
            t[2 * cols + j] = d2;
            t[3 * cols + j] = d3;
            t[4 * cols + j] = d4;
            t[5 * cols + j] = d5;
        }
    }

    /**
     * Writes {@code rows x cols} of a tile computed into {@code t} (row stride {@code width}) to C as
     * {@code C = alpha * t + beta * C}, not reading C when beta == 0.
     */
    static void merge(float[] t, int width, MemorySegment c, long cOff, int ldc, int rows, int cols,
                      float alpha, float beta) {
        if (cols != width || width < L) {
            mergePartial(t, width, c, cOff, ldc, rows, cols, alpha, beta);
            return;
        }
        FloatVector va = FloatVector.broadcast(S, alpha);
        if (beta == 0) {
            for (int r = 0; r < rows; r++) {
                long row = (cOff + (long) r * ldc) * Float.BYTES;
                for (int j = 0; j < width; j += L) {
                    FloatVector.fromArray(S, t, r * width + j).mul(va)
                            .intoMemorySegment(c, row + (long) j * Float.BYTES, LE);
                }
            }
        } else {
            FloatVector vb = FloatVector.broadcast(S, beta);
            for (int r = 0; r < rows; r++) {
                long row = (cOff + (long) r * ldc) * Float.BYTES;
                for (int j = 0; j < width; j += L) {
                    long off = row + (long) j * Float.BYTES;
                    FloatVector.fromMemorySegment(S, c, off, LE)
                            .fma(vb, FloatVector.fromArray(S, t, r * width + j).mul(va))
                            .intoMemorySegment(c, off, LE);
                }
            }
        }
    }

    /**
     * A tile narrower than its panel or a half-width one: whole vectors where they fit, then element by element.
     * Everything is spelled out here rather than in vector-taking helpers or masks: C2 left such helpers out of the
     * compiled GEMM loop (inlining cutoff) and boxed every vector and mask passed to them, which made this the
     * pure-Java mode's main allocation in steady state.
     */
    private static void mergePartial(float[] t, int width, MemorySegment c, long cOff, int ldc, int rows,
                                     int cols, float alpha, float beta) {
        FloatVector va = FloatVector.broadcast(S, alpha);
        FloatVector vb = FloatVector.broadcast(S, beta);
        for (int r = 0; r < rows; r++) {
            long row = cOff + (long) r * ldc;
            int j = 0;
            for (; j + L <= cols; j += L) {
                long off = (row + j) * Float.BYTES;
                FloatVector v = FloatVector.fromArray(S, t, r * width + j).mul(va);
                if (beta != 0) {
                    v = FloatVector.fromMemorySegment(S, c, off, LE).fma(vb, v);
                }
                v.intoMemorySegment(c, off, LE);
            }
            for (; j < cols; j++) {
                float v = alpha * t[r * width + j];
                if (beta != 0) {
                    v = Math.fma(c.getAtIndex(F, row + j), beta, v);
                }
                c.setAtIndex(F, row + j, v);
            }
        }
    }
}
