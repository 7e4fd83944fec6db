package dev.irbis.kernels.gemm;

import java.lang.foreign.MemorySegment;

/**
 * Finishes C in cache-sized blocks for a GEMM that can only finish after its whole product (OpenBLAS): the wrapped
 * GEMM is called on blocks of C's columns of at most {@code blockBytes} (unless fewer than {@value #MIN_COLUMNS}
 * columns would fit, when C goes whole), and each block is finished right after its product, while it is still in
 * L2, instead of the finisher reading all of C back afterwards. The wrapped GEMM repacks op(A) for every block, so this pays only where C is large and the pass
 * over it costly, as when a batch's activations outgrow the caches. Whole models in one JVM, two copies alternating
 * (blocked and not), each load order measured since the harness alone favoured one copy by up to 5%:
 * resnet50-torchvision at batch 8 on 2 threads 1.01-1.08x (mean 1.045 over five runs, 256 and 512 KiB blocks), at
 * batch 1 0.96-1.07x depending on the order (about 1.02); BiT-M R50x1 unchanged (1.00x at batch 1 and 8); on
 * 1 thread no gain (0.97-1.00x), so models use it only with more than one thread (see {@code Model.Options.defaults}).
 * Products without a finisher, and those whose C fits one block, go straight through.
 */
public final class BlockFinishingGemm implements Gemm {
    public static final long DEFAULT_BLOCK_BYTES = 256 << 10;
    /** Narrower blocks would repack op(A) for too few columns. */
    static final int MIN_COLUMNS = 64;
    /** Blocks are whole multiples of this many columns, so the wrapped GEMM's tiles stay whole. */
    private static final int ALIGN = 16;

    private final Gemm gemm;
    private final long blockBytes;

    public BlockFinishingGemm(Gemm gemm) {
        this(gemm, DEFAULT_BLOCK_BYTES);
    }

    public BlockFinishingGemm(Gemm gemm, long blockBytes) {
        if (blockBytes < (long) MIN_COLUMNS * Float.BYTES) {
            throw new IllegalArgumentException("blockBytes must be at least " + MIN_COLUMNS * Float.BYTES + ", got "
                    + blockBytes);
        }
        this.gemm = gemm;
        this.blockBytes = blockBytes;
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      MemorySegment a, long aOffset, int lda, MemorySegment b, long bOffset, int ldb,
                      float beta, MemorySegment c, long cOffset, int ldc) {
        gemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      MemorySegment a, long aOffset, int lda, MemorySegment b, long bOffset, int ldb,
                      float beta, MemorySegment c, long cOffset, int ldc, RowFinisher finisher) {
        int columns = blockColumns(m);
        if (columns >= n) {
            gemm.sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            RowFinisher.finishRows(finisher, c, cOffset, ldc, m, n);
            return;
        }
        for (int j0 = 0; j0 < n; j0 += columns) {
            int cols = Math.min(columns, n - j0);
            long bOff = bOffset + (transB ? (long) j0 * ldb : j0);
            gemm.sgemm(transA, transB, m, cols, k, alpha, a, aOffset, lda, b, bOff, ldb, beta, c, cOffset + j0, ldc);
            RowFinisher.finishRows(finisher, c, cOffset + j0, ldc, m, cols);
        }
    }

    /**
     * Columns per block for m rows: a whole multiple of 16 within blockBytes, or all of them (Integer.MAX_VALUE) when
     * fewer than MIN_COLUMNS would fit, as the tall C of a wide layer's weights would be repacked too often.
     */
    int blockColumns(int m) {
        long columns = blockBytes / ((long) Math.max(1, m) * Float.BYTES) / ALIGN * ALIGN;
        return columns < MIN_COLUMNS ? Integer.MAX_VALUE : (int) Math.min(Integer.MAX_VALUE, columns);
    }

    @Override
    public String name() {
        return gemm.name() + " in " + (blockBytes >> 10) + " KiB blocks";
    }
}
