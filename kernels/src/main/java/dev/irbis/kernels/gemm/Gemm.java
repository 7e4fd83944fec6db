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

    /**
     * As {@link #sgemm(boolean, boolean, int, int, int, float, MemorySegment, long, int, MemorySegment, long, int,
     * float, MemorySegment, long, int) sgemm}, then {@code finisher} on every element of C. This default runs it
     * row by row after the whole product; a GEMM that blocks C can run it on each block while it is in cache.
     */
    default void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                       MemorySegment a, long aOffset, int lda,
                       MemorySegment b, long bOffset, int ldb,
                       float beta, MemorySegment c, long cOffset, int ldc, RowFinisher finisher) {
        sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        RowFinisher.finishRows(finisher, c, cOffset, ldc, m, n);
    }

    /** A short name for logs and benchmark tables. */
    String name();
}
