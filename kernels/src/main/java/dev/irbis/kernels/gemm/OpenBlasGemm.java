package dev.irbis.kernels.gemm;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * OpenBLAS sgemm through org.bytedeco, handed the native addresses of the segments directly (no
 * copies). Heap segments are copied to native memory first. OpenBLAS's own thread count is global
 * to the process: {@link #setThreads} sets it.
 */
public final class OpenBlasGemm implements Gemm {
    private static final OpenBlasGemm INSTANCE = new OpenBlasGemm();

    private OpenBlasGemm() {
        openblas_nolapack.blas_get_num_threads(); // loads the native library now, not mid-inference
    }

    public static OpenBlasGemm instance() {
        return INSTANCE;
    }

    /**
     * The instance with OpenBLAS's own threading switched off (process-wide), for callers that run
     * GEMMs on their own threads ({@link ParallelGemm}): calls then run entirely on the calling thread
     * and may run concurrently on disjoint outputs.
     */
    public static OpenBlasGemm singleThreaded() {
        setThreads(1);
        return INSTANCE;
    }

    /** Sets the number of threads OpenBLAS uses inside one call (process-wide). */
    public static void setThreads(int threads) {
        openblas_nolapack.blas_set_num_threads(threads);
    }

    public static int threads() {
        return openblas_nolapack.blas_get_num_threads();
    }

    /** A FloatPointer at a segment's address: JavaCPP reads {@code address} directly, so no copy is made. */
    private static final class SegmentPointer extends FloatPointer {
        SegmentPointer(MemorySegment s, long offsetElements) {
            super((Pointer) null);
            long elements = s.byteSize() / Float.BYTES - offsetElements;
            this.address = s.address() + offsetElements * Float.BYTES;
            this.limit = elements;
            this.capacity = elements;
        }
    }

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      MemorySegment a, long aOffset, int lda, MemorySegment b, long bOffset, int ldb,
                      float beta, MemorySegment c, long cOffset, int ldc) {
        if (m == 0 || n == 0) {
            return;
        }
        if (!a.isNative() || !b.isNative() || !c.isNative()) {
            sgemmViaNativeCopies(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, alpha, new SegmentPointer(a, aOffset), lda, new SegmentPointer(b, bOffset), ldb,
                beta, new SegmentPointer(c, cOffset), ldc);
    }

    private void sgemmViaNativeCopies(boolean transA, boolean transB, int m, int n, int k, float alpha,
                                      MemorySegment a, long aOffset, int lda, MemorySegment b, long bOffset, int ldb,
                                      float beta, MemorySegment c, long cOffset, int ldc) {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment na = a.isNative() ? a : arena.allocate(a.byteSize(), 64).copyFrom(a);
            MemorySegment nb = b.isNative() ? b : arena.allocate(b.byteSize(), 64).copyFrom(b);
            MemorySegment nc = c.isNative() ? c : arena.allocate(c.byteSize(), 64).copyFrom(c);
            sgemm(transA, transB, m, n, k, alpha, na, aOffset, lda, nb, bOffset, ldb, beta, nc, cOffset, ldc);
            if (nc != c) {
                c.copyFrom(nc);
            }
        }
    }

    @Override
    public String name() {
        return "openblas";
    }
}
