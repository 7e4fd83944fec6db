package dev.irbis.kernels.gemm;

import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.MemorySegment;

/**
 * Spreads one GEMM over a thread budget: the output is cut into contiguous blocks of columns (or of
 * rows, when there are more rows than columns), and each thread runs the wrapped single-threaded GEMM
 * on its block. With OpenBLAS held at one thread per call this keeps every thread of a run in one
 * budget: no OpenBLAS worker spins beside the Java threads that do im2col or epilogues between GEMMs.
 * The wrapped GEMM must allow concurrent calls on disjoint outputs.
 */
public final class ParallelGemm implements Gemm {
    /** Blocks narrower than this lose more to blocking overhead than threads gain. */
    private static final int MIN_BLOCK = 16;
    /** Below this many multiply-adds a GEMM runs on the caller alone. */
    private static final long MIN_PARALLEL_WORK = 1L << 18;

    private final Gemm serial;
    private final ThreadBudget threads;

    public ParallelGemm(Gemm serial, ThreadBudget threads) {
        this.serial = serial;
        this.threads = threads;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      MemorySegment a, long aOffset, int lda, MemorySegment b, long bOffset, int ldb,
                      float beta, MemorySegment c, long cOffset, int ldc) {
        sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, null);
    }

    /** Each thread finishes its own block of C right after computing it. */
    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      MemorySegment a, long aOffset, int lda, MemorySegment b, long bOffset, int ldb,
                      float beta, MemorySegment c, long cOffset, int ldc, RowFinisher finisher) {
        if (threads.threads() == 1 || (long) m * n * k < MIN_PARALLEL_WORK || Math.max(m, n) < 2 * MIN_BLOCK) {
            serial(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, finisher);
            return;
        }
        if (n >= m) {
            // Columns j0..j1 of op(B): columns of B, or rows of B when it is transposed.
            threads.parallelRange(blocks(n), 1, (s, e) -> {
                int j0 = bound(s, n);
                int j1 = bound(e, n);
                if (j0 < j1) {
                    long bOff = bOffset + (transB ? (long) j0 * ldb : j0);
                    serial(transA, transB, m, j1 - j0, k, alpha, a, aOffset, lda, b, bOff, ldb, beta, c, cOffset + j0,
                            ldc, finisher);
                }
            });
        } else {
            // Rows i0..i1 of op(A): rows of A, or columns of A when it is transposed.
            threads.parallelRange(blocks(m), 1, (s, e) -> {
                int i0 = bound(s, m);
                int i1 = bound(e, m);
                if (i0 < i1) {
                    long aOff = aOffset + (transA ? i0 : (long) i0 * lda);
                    RowFinisher shifted = finisher == null ? null
                            : (seg, off, count, row) -> finisher.finish(seg, off, count, i0 + row);
                    serial(transA, transB, i1 - i0, n, k, alpha, a, aOff, lda, b, bOffset, ldb, beta, c,
                            cOffset + (long) i0 * ldc, ldc, shifted);
                }
            });
        }
    }

    private void serial(boolean transA, boolean transB, int m, int n, int k, float alpha,
                        MemorySegment a, long aOffset, int lda, MemorySegment b, long bOffset, int ldb,
                        float beta, MemorySegment c, long cOffset, int ldc, RowFinisher finisher) {
        if (finisher == null) {
            serial.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
        } else {
            serial.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc,
                    finisher);
        }
    }

    /** The dimension is split in units of MIN_BLOCK; the last unit may be partial. */
    private static long blocks(int dim) {
        return (dim + MIN_BLOCK - 1) / MIN_BLOCK;
    }

    private static int bound(long unit, int dim) {
        return (int) Math.min(dim, unit * MIN_BLOCK);
    }

    @Override
    public String name() {
        return serial.name() + " x" + threads.threads();
    }
}
