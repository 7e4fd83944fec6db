package dev.irbis.kernels.gemm;

import java.lang.foreign.MemorySegment;

/**
 * A GEMM whose matrix-vector products (one row of op(A), or one dense column of C: a classifier head at batch 1) go to
 * {@link VectorGemm}'s matrix-vector path and everything else to {@code products}. Those products only stream the
 * matrix once; inside a model, BiT's 21,843 x 2048 head measured 5.4 against OpenBLAS's 9.1 ms on one thread and 3.2
 * against 3.7 on two (one JVM, both alternating). Threads: {@code vectors}' budget for those, {@code products}'
 * own otherwise; the two should share one budget.
 */
public final class MatrixVectorRouting implements Gemm {
    private final Gemm products;
    private final VectorGemm vectors;

    public MatrixVectorRouting(Gemm products, VectorGemm vectors) {
        this.products = products;
        this.vectors = vectors;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      MemorySegment a, long aOffset, int lda, MemorySegment b, long bOffset, int ldb,
                      float beta, MemorySegment c, long cOffset, int ldc) {
        target(m, n, k, ldc).sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                cOffset, ldc);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      MemorySegment a, long aOffset, int lda, MemorySegment b, long bOffset, int ldb,
                      float beta, MemorySegment c, long cOffset, int ldc, RowFinisher finisher) {
        target(m, n, k, ldc).sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c,
                cOffset, ldc, finisher);
    }

    private Gemm target(int m, int n, int k, int ldc) {
        return k > 0 && VectorGemm.isMatrixVector(m, n, ldc) ? vectors : products;
    }

    /** The name of the GEMM that does the products (the one benchmark tables are about). */
    @Override
    public String name() {
        return products.name();
    }
}
