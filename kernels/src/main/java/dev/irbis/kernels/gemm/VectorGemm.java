package dev.irbis.kernels.gemm;

import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Pure-Java sgemm on the Vector API, structured like GotoBLAS/BLIS: for each kc x nc block of op(B)
 * (packed once into column panels) and each mc x kc block of op(A) (packed into row slivers), a
 * register-blocked {@link MicroKernels micro-kernel} computes 6 x NR tiles of C (NR = 3L with AVX-512, 2L with
 * AVX2, L = preferred float vector length; narrower kernels finish a ragged N). Block sizes keep a B panel in L1 and the A block in L2
 * (kc = 256, mc = 120, nc about 3072, split into equal blocks). Transposes, offsets, leading dimensions and heap or native segments
 * are all absorbed by packing. With more than one thread the larger of the M and N dimensions (counted in
 * tiles) is split into contiguous per-thread slices, each computed independently with its own
 * thread-local pack buffers. A single-row op(A) (a fully connected layer at batch 1), or a single
 * dense output column, takes a matrix-vector path instead, since packing would cost as much as the product.
 * A constant A can be copied once into a {@link PrepackedA}, which the micro-kernels read in place (no packing of A).
 * <p>Segments touched from pool threads must be accessible from them (global, auto or shared arenas).
 * Each thread keeps its pack buffers (up to about 3 MB) for later calls.
 */
public final class VectorGemm implements Gemm {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final int L = MicroKernels.L;
    private static final int MR = MicroKernels.ROWS;
    private static final int NR = MicroKernels.NR;
    private static final int KC = 256;
    private static final int MC = 20 * MR;
    private static final int NC = Math.max(1, 3072 / NR) * NR;
    /** Panels of C finished together: an mc x 4 NR block (92 KiB at L = 16) is still in L2 when finished. */
    private static final int FINISH_PANELS = 4;
    /** See {@link #prefersPrepackedA}. */
    private static final int PREPACKED_A_MAX_COLUMNS = 64;
    /** Below this many multiply-adds a second thread costs more than it saves. */
    private static final long PARALLEL_MIN_WORK = 1L << 18;

    private static final ThreadLocal<PackBuffers> BUFFERS = ThreadLocal.withInitial(PackBuffers::new);

    private final ThreadBudget threads;

    public VectorGemm(ThreadBudget threads) {
        this.threads = threads;
    }

    /** Per-thread packing space, grown on demand and kept, so steady-state calls allocate nothing. */
    private static final class PackBuffers {
        final float[] tile = new float[MR * NR];
        float[] a = new float[0];
        float[] b = new float[0];

        float[] a(int size) {
            if (a.length < size) {
                a = new float[size];
            }
            return a;
        }

        float[] b(int size) {
            if (b.length < size) {
                b = new float[size];
            }
            return b;
        }
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      MemorySegment a, long aOffset, int lda, MemorySegment b, long bOffset, int ldb,
                      float beta, MemorySegment c, long cOffset, int ldc) {
        sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc, null);
    }

    /**
     * Finishes each mc x (up to {@link #FINISH_PANELS} panels) block of C as soon as its last K block is merged,
     * while it is still in L2; the matrix-vector paths finish row by row after the product.
     */
    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      MemorySegment a, long aOffset, int lda, MemorySegment b, long bOffset, int ldb,
                      float beta, MemorySegment c, long cOffset, int ldc, RowFinisher finisher) {
        if (m < 0 || n < 0 || k < 0) {
            throw new IllegalArgumentException("negative GEMM size " + m + "x" + n + "x" + k);
        }
        if (m == 0 || n == 0) {
            return;
        }
        if (k == 0) {
            scale(c, cOffset, ldc, m, n, beta);
            finishAll(finisher, c, cOffset, ldc, m, n);
            return;
        }
        if (m == 1) {
            VectorGemv.rowTimesMatrix(threads, transA, transB, n, k, alpha, a, aOffset, lda, b, bOffset, ldb,
                    beta, c, cOffset);
            finishAll(finisher, c, cOffset, ldc, m, n);
            return;
        }
        if (n == 1 && ldc == 1) {
            // One output column (BiT's 21,843-class head as a 1x1 convolution on a 1x1 map): the same
            // product transposed, c^T = op(B)^T op(A)^T, is a single row times a matrix.
            VectorGemv.rowTimesMatrix(threads, !transB, !transA, m, k, alpha, b, bOffset, ldb, a, aOffset, lda,
                    beta, c, cOffset);
            finishAll(finisher, c, cOffset, ldc, m, n);
            return;
        }
        boolean parallel = threads.threads() > 1 && (long) m * n * k >= PARALLEL_MIN_WORK;
        if (!parallel) {
            block(transA, transB, 0, m, 0, n, k, alpha, a, aOffset, lda, null, b, bOffset, ldb, beta, c, cOffset,
                    ldc, finisher);
        } else {
            blocksInParallel(transA, transB, m, n, k, alpha, a, aOffset, lda, null, b, bOffset, ldb, beta, c, cOffset,
                    ldc, finisher);
        }
    }

    /** Whether {@link #sgemm} takes its matrix-vector path: one row of op(A), or one dense column of C. */
    public static boolean isMatrixVector(int m, int n, int ldc) {
        return m == 1 || n == 1 && ldc == 1;
    }

    /**
     * Whether a product with n columns of B runs faster from a {@link PrepackedA} than from A packed per call: when
     * each sliver of A serves one column panel and a few last columns (a 7 x 7 map's 49, with 64 at most), packing A
     * is a copy of all of A for one use. ResNet-50's 7 x 7 stage shapes (2048 x 512, 512 x 2048, 2048 x 1024 and
     * 512 x 4608 by 49), one JVM, A out of cache: 0.79-0.84x the time of packing per call on 1 and 2 threads, and
     * 0.72-0.79x OpenBLAS's; 64 columns 0.86-0.90x; 100 columns 1.2-1.35x (slower), 196 and 784 about even.
     */
    public static boolean prefersPrepackedA(int n) {
        return n >= 2 && n <= PREPACKED_A_MAX_COLUMNS;
    }

    /**
     * {@code C = A * B (+ finisher)} with A prepacked: op(B) = B (k x n, row-major, leading dimension ldb), beta 0
     * (C is only written). Any n works; {@link #prefersPrepackedA} says where it pays.
     */
    public void sgemm(PrepackedA a, int n, MemorySegment b, long bOffset, int ldb, MemorySegment c, long cOffset,
                      int ldc, RowFinisher finisher) {
        int m = a.rows();
        int k = a.cols();
        if (n < 0) {
            throw new IllegalArgumentException("negative GEMM size " + m + "x" + n + "x" + k);
        }
        if (n == 0) {
            return;
        }
        float[] data = a.data();
        if (threads.threads() > 1 && (long) m * n * k >= PARALLEL_MIN_WORK) {
            blocksInParallel(false, false, m, n, k, 1f, null, 0, k, data, b, bOffset, ldb, 0f, c, cOffset, ldc,
                    finisher);
        } else {
            block(false, false, 0, m, 0, n, k, 1f, null, 0, k, data, b, bOffset, ldb, 0f, c, cOffset, ldc, finisher);
        }
    }

    /** The larger of M and N (in tiles) split into contiguous slices, one {@link #block} call each. */
    private void blocksInParallel(boolean transA, boolean transB, int m, int n, int k, float alpha, MemorySegment a,
                                  long aOffset, int lda, float[] aDirect, MemorySegment b, long bOffset, int ldb,
                                  float beta, MemorySegment c, long cOffset, int ldc, RowFinisher finisher) {
        int tilesM = (m + MR - 1) / MR;
        int tilesN = (n + NR - 1) / NR;
        if (tilesN >= tilesM) {
            threads.parallelRange(tilesN, 1, (s, e) -> block(transA, transB, 0, m, (int) s * NR,
                    (int) Math.min(n, e * NR), k, alpha, a, aOffset, lda, aDirect, b, bOffset, ldb, beta, c, cOffset,
                    ldc, finisher));
        } else {
            threads.parallelRange(tilesM, 1, (s, e) -> block(transA, transB, (int) s * MR,
                    (int) Math.min(m, e * MR), 0, n, k, alpha, a, aOffset, lda, aDirect, b, bOffset, ldb, beta, c,
                    cOffset, ldc, finisher));
        }
    }

    /**
     * Computes rows [m0, m1) x columns [n0, n1) of C on the calling thread. With {@code aDirect} (a
     * {@link PrepackedA}'s array, row stride k) the kernels read A from it in place and {@code a} is not read.
     */
    private static void block(boolean transA, boolean transB, int m0, int m1, int n0, int n1, int k, float alpha,
                              MemorySegment a, long aOffset, int lda, float[] aDirect, MemorySegment b, long bOffset,
                              int ldb, float beta, MemorySegment c, long cOffset, int ldc, RowFinisher finisher) {
        // Equal blocks rather than full ones and a small remainder (a few rows reloading B, a short K block
        // paying the full per-tile overhead).
        int mcStep = evenStep(m1 - m0, MC, MR);
        int ncStep = evenStep(n1 - n0, NC, NR);
        int kcStep = evenStep(k, KC, L);
        PackBuffers buffers = BUFFERS.get();
        float[] tile = buffers.tile;
        float[] bPack = buffers.b(kcStep * GemmPacking.roundUp(ncStep, NR));
        float[] aPack = aDirect != null ? null : buffers.a(kcStep * GemmPacking.roundUp(mcStep, MR));
        for (int jc = n0; jc < n1; jc += ncStep) {
            int nb = Math.min(ncStep, n1 - jc);
            for (int pc = 0; pc < k; pc += kcStep) {
                int kb = Math.min(kcStep, k - pc);
                // Later K blocks accumulate onto what the first one wrote.
                float betaBlock = pc == 0 ? beta : 1f;
                boolean lastK = pc + kb >= k;
                // Whole 3L and 2L tiles of a block that overwrites C go straight to it (see MicroKernels.tile6x3Into).
                boolean direct = alpha == 1f && betaBlock == 0f;
                GemmPacking.packB(transB, b, bOffset, ldb, pc, jc, nb, kb, bPack);
                for (int ic = m0; ic < m1; ic += mcStep) {
                    int mb = Math.min(mcStep, m1 - ic);
                    float[] aBlock = aDirect;
                    int aBase = ic * k + pc;
                    int as = k;
                    if (aDirect == null) {
                        GemmPacking.packA(transA, a, aOffset, lda, ic, pc, mb, kb, aPack);
                        aBlock = aPack;
                        aBase = 0;
                        as = kb;
                    }
                    int unfinished = 0;
                    for (int jr = 0; jr < nb; jr += NR) {
                        int cols = Math.min(NR, nb - jr);
                        int bi = jr * kb;
                        boolean dot = GemmPacking.isDotPanel(cols);
                        int width = dot ? cols : GemmPacking.panelWidth(nb - jr);
                        for (int ir = 0; ir < mb; ir += MR) {
                            int rows = Math.min(MR, mb - ir);
                            long cIndex = cOffset + (long) (ic + ir) * ldc + jc + jr;
                            boolean whole = direct && !dot && rows == MR && cols == width;
                            if (whole && width == 3 * L) {
                                MicroKernels.tile6x3Into(kb, aBlock, aBase + ir * as, as, bPack, bi, c, cIndex * Float.BYTES,
                                        (long) ldc * Float.BYTES);
                                continue;
                            }
                            if (whole && width == 2 * L) {
                                MicroKernels.tile6x2Into(kb, aBlock, aBase + ir * as, as, bPack, bi, c, cIndex * Float.BYTES,
                                        (long) ldc * Float.BYTES);
                                continue;
                            }
                            if (dot) {
                                MicroKernels.tileDot(kb, aBlock, aBase + ir * as, as, bPack, bi, cols, tile);
                            } else if (width == 3 * L) {
                                MicroKernels.tile6x3(kb, aBlock, aBase + ir * as, as, bPack, bi, tile);
                            } else if (width == 2 * L) {
                                MicroKernels.tile6x2(kb, aBlock, aBase + ir * as, as, bPack, bi, tile);
                            } else if (width == L) {
                                MicroKernels.tile6x1(kb, aBlock, aBase + ir * as, as, bPack, bi, tile);
                            } else {
                                MicroKernels.tile6xHalf(kb, aBlock, aBase + ir * as, as, bPack, bi, tile);
                            }
                            MicroKernels.merge(tile, width, c, cIndex, ldc, rows, cols, alpha, betaBlock);
                        }
                        int done = jr + cols;
                        if (finisher != null && lastK && (done == nb || done - unfinished >= FINISH_PANELS * NR)) {
                            for (int r = ic; r < ic + mb; r++) {
                                finisher.finish(c, cOffset + (long) r * ldc + jc + unfinished, done - unfinished, r);
                            }
                            unfinished = done;
                        }
                    }
                }
            }
        }
    }

    /** The step that covers {@code extent} in as few blocks of at most {@code max} as possible, equal-sized. */
    private static int evenStep(int extent, int max, int multiple) {
        int blocks = (extent + max - 1) / max;
        return GemmPacking.roundUp((extent + blocks - 1) / blocks, multiple);
    }

    private static void finishAll(RowFinisher finisher, MemorySegment c, long cOffset, int ldc, int m, int n) {
        if (finisher != null) {
            RowFinisher.finishRows(finisher, c, cOffset, ldc, m, n);
        }
    }

    /** C = beta * C (beta == 0 writes zeros without reading), the whole product when k == 0. */
    private static void scale(MemorySegment c, long cOffset, int ldc, int m, int n, float beta) {
        for (int i = 0; i < m; i++) {
            long row = cOffset + (long) i * ldc;
            for (int j = 0; j < n; j++) {
                c.setAtIndex(F, row + j, beta == 0 ? 0f : beta * c.getAtIndex(F, row + j));
            }
        }
    }

    @Override
    public String name() {
        return "vector";
    }
}
