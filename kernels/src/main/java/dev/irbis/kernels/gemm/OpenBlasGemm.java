package dev.irbis.kernels.gemm;

import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Map;
import org.bytedeco.javacpp.FloatPointer;
import org.bytedeco.javacpp.Loader;
import org.bytedeco.javacpp.Pointer;
import org.bytedeco.openblas.global.openblas_nolapack;

/**
 * OpenBLAS sgemm through org.bytedeco, handed the native addresses of the segments directly (no
 * copies). Heap segments are copied to native memory first. OpenBLAS's own thread count is global
 * to the process: {@link #setThreads} sets it. OpenBLAS picks its kernels for the CPU when it loads, unless
 * {@code OPENBLAS_CORETYPE} names a set; that choice is left to the user ({@link #coreName} reports it).
 */
public final class OpenBlasGemm implements Gemm {
    /** OpenBLAS's own override of its CPU detection, read once when the library loads. */
    public static final String CORETYPE_VARIABLE = "OPENBLAS_CORETYPE";

    private static final OpenBlasGemm INSTANCE = new OpenBlasGemm();

    private OpenBlasGemm() {
        // Loads the native library now, not mid-inference. (openblas_nolapack.blas_get_num_threads() does not:
        // it is a plain Java method of the presets superclass, so calling it initialises only that class.)
        Loader.load(openblas_nolapack.class);
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

    /**
     * The kernel set OpenBLAS runs ({@code openblas_get_corename}: Haswell, SkylakeX, Cooperlake, Zen, ...), with a
     * note when {@value #CORETYPE_VARIABLE} chose it rather than OpenBLAS's CPU detection: a set narrower than the
     * CPU (Haswell's AVX2 on an AVX-512 machine) halves sgemm's speed. "unknown" when the library is not found.
     */
    public static String coreName() {
        instance();
        String name = "unknown";
        for (Map.Entry<String, String> lib : Loader.getLoadedLibraries().entrySet()) {
            if (lib.getKey().startsWith("openblas_nolapack@")) {
                name = SymbolLookup.libraryLookup(Path.of(lib.getValue()), Arena.global()).find("openblas_get_corename")
                        .map(OpenBlasGemm::callCoreName).orElse(name);
            }
        }
        String forced = System.getenv(CORETYPE_VARIABLE);
        return forced == null ? name : name + " (" + CORETYPE_VARIABLE + "=" + forced + " in the environment)";
    }

    private static String callCoreName(MemorySegment function) {
        try {
            MemorySegment text = (MemorySegment) Linker.nativeLinker()
                    .downcallHandle(function, FunctionDescriptor.of(ValueLayout.ADDRESS)).invokeExact();
            return text.reinterpret(256).getString(0);
        } catch (Throwable e) {
            return "unknown";
        }
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
        if (n == 1 || m == 1) {
            gemv(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset, ldc);
            return;
        }
        openblas_nolapack.cblas_sgemm(openblas_nolapack.CblasRowMajor,
                transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                transB ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                m, n, k, alpha, new SegmentPointer(a, aOffset), lda, new SegmentPointer(b, bOffset), ldb,
                beta, new SegmentPointer(c, cOffset), ldc);
    }

    /**
     * A product with one output column (a 1x1 convolution on a 1x1 map, such as BiT's 21,843-class head) or
     * one output row (a fully connected layer at batch 1) as sgemv: sgemm would first pack the whole weight
     * matrix, doubling the memory traffic of a product that is bound by reading it once.
     */
    private static void gemv(boolean transA, boolean transB, int m, int n, int k, float alpha,
                             MemorySegment a, long aOffset, int lda, MemorySegment b, long bOffset, int ldb,
                             float beta, MemorySegment c, long cOffset, int ldc) {
        if (k == 0) {
            // sgemv with k == 0 rejects lda; C = beta * C is all that is left.
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    long at = cOffset + (long) i * ldc + j;
                    c.setAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, at,
                            beta == 0 ? 0f : beta * c.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, at));
                }
            }
            return;
        }
        if (beta == 0) {
            // The Gemm contract lets C hold garbage (even NaN) when beta is 0; sgemv would scale it by 0.
            for (int i = 0; i < m; i++) {
                c.asSlice((cOffset + (long) i * ldc) * Float.BYTES, (long) n * Float.BYTES).fill((byte) 0);
            }
        }
        if (n == 1) {
            // c[i * ldc] = alpha * sum_p op(A)[i, p] * op(B)[p, 0] + beta * c[i * ldc].
            openblas_nolapack.cblas_sgemv(openblas_nolapack.CblasRowMajor,
                    transA ? openblas_nolapack.CblasTrans : openblas_nolapack.CblasNoTrans,
                    transA ? k : m, transA ? m : k, alpha, new SegmentPointer(a, aOffset), Math.max(1, lda),
                    new SegmentPointer(b, bOffset), transB ? 1 : ldb, beta, new SegmentPointer(c, cOffset), ldc);
        } else {
            // c[j] = alpha * sum_p op(A)[0, p] * op(B)[p, j] + beta * c[j]: op(B)^T times the row of A.
            openblas_nolapack.cblas_sgemv(openblas_nolapack.CblasRowMajor,
                    transB ? openblas_nolapack.CblasNoTrans : openblas_nolapack.CblasTrans,
                    transB ? n : k, transB ? k : n, alpha, new SegmentPointer(b, bOffset), Math.max(1, ldb),
                    new SegmentPointer(a, aOffset), transA ? lda : 1, beta, new SegmentPointer(c, cOffset), 1);
        }
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
