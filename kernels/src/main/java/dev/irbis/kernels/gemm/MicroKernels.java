package dev.irbis.kernels.gemm;

import java.lang.foreign.MemorySegment;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * Register-blocked GEMM micro-kernels: one {@link #ROWS} x (v * L) tile of C from a packed A sliver and a
 * packed B sliver, where L is the preferred float vector length and v is 1 or 2 column vectors.
 * <p>Packed A is row-major with row stride {@code as}: element (r, p) at {@code a[a0 + r * as + p]}
 * (rows beyond the valid ones are zero). Packed B is {@code [p][v * L]}: element (p, j) at
 * {@code b[b0 + p * v * L + j]} (columns beyond the valid ones are zero).
 * <p>The tile update is {@code C = alpha * acc + beta * C}; with {@code beta == 0} C is not read. Only
 * {@code rows x cols} of the tile are stored (masked stores for a partial last vector).
 * <p>The accumulators are separate locals, not an array, so that C2 keeps all of them in registers
 * (12 accumulators + 2 B vectors + 1 broadcast fit the 16 registers of AVX2).
 */
final class MicroKernels {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int ROWS = 6;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private MicroKernels() {
    }

    /** A 6 x 2L tile. */
    static void tile6x2(int kc, float[] a, int a0, int as, float[] b, int b0,
                        MemorySegment c, long cOff, int ldc, int rows, int cols, float alpha, float beta) {
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
        if (cols == 2 * L) {
            long r = cOff;
            store(c00, c, r, alpha, beta);
            store(c01, c, r + L, alpha, beta);
            if (rows > 1) { r += ldc; store(c10, c, r, alpha, beta); store(c11, c, r + L, alpha, beta); }
            if (rows > 2) { r += ldc; store(c20, c, r, alpha, beta); store(c21, c, r + L, alpha, beta); }
            if (rows > 3) { r += ldc; store(c30, c, r, alpha, beta); store(c31, c, r + L, alpha, beta); }
            if (rows > 4) { r += ldc; store(c40, c, r, alpha, beta); store(c41, c, r + L, alpha, beta); }
            if (rows > 5) { r += ldc; store(c50, c, r, alpha, beta); store(c51, c, r + L, alpha, beta); }
        } else {
            VectorMask<Float> m0 = S.indexInRange(0, cols);
            VectorMask<Float> m1 = S.indexInRange(L, cols);
            long r = cOff;
            store(c00, c, r, alpha, beta, m0);
            store(c01, c, r + L, alpha, beta, m1);
            if (rows > 1) { r += ldc; store(c10, c, r, alpha, beta, m0); store(c11, c, r + L, alpha, beta, m1); }
            if (rows > 2) { r += ldc; store(c20, c, r, alpha, beta, m0); store(c21, c, r + L, alpha, beta, m1); }
            if (rows > 3) { r += ldc; store(c30, c, r, alpha, beta, m0); store(c31, c, r + L, alpha, beta, m1); }
            if (rows > 4) { r += ldc; store(c40, c, r, alpha, beta, m0); store(c41, c, r + L, alpha, beta, m1); }
            if (rows > 5) { r += ldc; store(c50, c, r, alpha, beta, m0); store(c51, c, r + L, alpha, beta, m1); }
        }
    }

    /** A 6 x L tile: the narrow last column panel, so a few leftover columns do not cost a full 2L tile. */
    static void tile6x1(int kc, float[] a, int a0, int as, float[] b, int b0,
                        MemorySegment c, long cOff, int ldc, int rows, int cols, float alpha, float beta) {
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
        VectorMask<Float> m = S.indexInRange(0, cols);
        long r = cOff;
        store(c0, c, r, alpha, beta, m);
        if (rows > 1) { r += ldc; store(c1, c, r, alpha, beta, m); }
        if (rows > 2) { r += ldc; store(c2, c, r, alpha, beta, m); }
        if (rows > 3) { r += ldc; store(c3, c, r, alpha, beta, m); }
        if (rows > 4) { r += ldc; store(c4, c, r, alpha, beta, m); }
        if (rows > 5) { r += ldc; store(c5, c, r, alpha, beta, m); }
    }

    private static void store(FloatVector acc, MemorySegment c, long index, float alpha, float beta) {
        long byteOff = index * Float.BYTES;
        FloatVector v = acc.mul(alpha);
        if (beta != 0) {
            v = FloatVector.fromMemorySegment(S, c, byteOff, LE).fma(FloatVector.broadcast(S, beta), v);
        }
        v.intoMemorySegment(c, byteOff, LE);
    }

    private static void store(FloatVector acc, MemorySegment c, long index, float alpha, float beta,
                              VectorMask<Float> m) {
        long byteOff = index * Float.BYTES;
        FloatVector v = acc.mul(alpha);
        if (beta != 0) {
            v = FloatVector.fromMemorySegment(S, c, byteOff, LE, m).fma(FloatVector.broadcast(S, beta), v);
        }
        v.intoMemorySegment(c, byteOff, LE, m);
    }
}
