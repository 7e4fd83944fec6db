package dev.irbis.kernels.gemm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/** The plain reference GEMM: three loops, double accumulation. Used to test the fast ones. */
public final class ScalarGemm implements Gemm {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @Override
    public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha,
                      MemorySegment a, long aOffset, int lda, MemorySegment b, long bOffset, int ldb,
                      float beta, MemorySegment c, long cOffset, int ldc) {
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double acc = 0;
                for (int p = 0; p < k; p++) {
                    float av = a.getAtIndex(F, aOffset + (transA ? (long) p * lda + i : (long) i * lda + p));
                    float bv = b.getAtIndex(F, bOffset + (transB ? (long) j * ldb + p : (long) p * ldb + j));
                    acc += (double) av * bv;
                }
                long ci = cOffset + (long) i * ldc + j;
                float prior = beta == 0 ? 0 : beta * c.getAtIndex(F, ci);
                c.setAtIndex(F, ci, (float) (alpha * acc) + prior);
            }
        }
    }

    @Override
    public String name() {
        return "scalar";
    }
}
