package dev.irbis.kernels.gemm;

import java.lang.foreign.MemorySegment;

/**
 * Single-precision general matrix multiply, row-major: {@code C = alpha * op(A) * op(B) + beta * C}
 * with op(A) of m x k and op(B) of k x n. Offsets and leading dimensions are in elements. When
 * {@code beta == 0}, C is only written, never read (so it may hold garbage or NaN).
 */
public interface Gemm {
    void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
               MemorySegment a, long aOffset, int lda,
               MemorySegment b, long bOffset, int ldb,
               float beta, MemorySegment c, long cOffset, int ldc);

    /** A short name for logs and benchmark tables. */
    String name();
}
