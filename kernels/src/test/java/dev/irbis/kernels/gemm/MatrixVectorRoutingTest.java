package dev.irbis.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Which products the router sends to the Vector API's matrix-vector path, and that both routes give the product. */
class MatrixVectorRoutingTest {
    /** Counts the calls that reach it and computes them with the scalar reference. */
    private static final class Counting implements Gemm {
        int calls;

        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, MemorySegment a,
                          long aOffset, int lda, MemorySegment b, long bOffset, int ldb, float beta, MemorySegment c,
                          long cOffset, int ldc) {
            calls++;
            new ScalarGemm().sgemm(transA, transB, m, n, k, alpha, a, aOffset, lda, b, bOffset, ldb, beta, c, cOffset,
                    ldc);
        }

        @Override
        public String name() {
            return "counting";
        }
    }

    @ParameterizedTest(name = "m={0} n={1} k={2} ldc={3}: products={4}")
    @CsvSource({
        "1, 1000, 2048, 1000, false",   // a fully connected layer at batch 1
        "21843, 1, 2048, 1, false",     // BiT's head: a 1x1 convolution on a 1x1 map
        "8, 1000, 2048, 1000, true",    // batch 8
        "5, 1, 40, 3, true",            // one column, but not a dense one
        "64, 49, 147, 49, true",
        "1, 7, 0, 7, true",             // k = 0: C = beta * C, left to the products
    })
    void routesMatrixVectorProducts(int m, int n, int k, int ldc, boolean toProducts) {
        Counting products = new Counting();
        Random rnd = new Random(m + 31L * n + k);
        try (Arena arena = Arena.ofShared(); ThreadBudget two = new ThreadBudget(2)) {
            MatrixVectorRouting gemm = new MatrixVectorRouting(products, new VectorGemm(two));
            MemorySegment a = random(arena, (long) m * Math.max(k, 1), rnd);
            MemorySegment b = random(arena, (long) Math.max(k, 1) * n, rnd);
            MemorySegment c = random(arena, (long) m * ldc, rnd);
            MemorySegment want = arena.allocate(c.byteSize()).copyFrom(c);
            RowFinisher finisher = (seg, off, count, row) -> {
                for (int j = 0; j < count; j++) {
                    seg.setAtIndex(ValueLayout.JAVA_FLOAT, off + j, seg.getAtIndex(ValueLayout.JAVA_FLOAT, off + j) + row);
                }
            };
            gemm.sgemm(false, false, m, n, k, 1f, a, 0, Math.max(k, 1), b, 0, n, 0.5f, c, 0, ldc, finisher);
            new ScalarGemm().sgemm(false, false, m, n, k, 1f, a, 0, Math.max(k, 1), b, 0, n, 0.5f, want, 0, ldc,
                    finisher);
            assertEquals(toProducts ? 1 : 0, products.calls);
            for (long i = 0; i < c.byteSize() / 4; i++) {
                float y = want.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                assertEquals(y, c.getAtIndex(ValueLayout.JAVA_FLOAT, i), 1e-4f * (1 + Math.abs(y)) * Math.sqrt(k + 1),
                        "element " + i);
            }
            assertEquals("counting", gemm.name());
        }
    }

    private static MemorySegment random(Arena arena, long n, Random rnd) {
        MemorySegment s = arena.allocate(n * 4, 64);
        for (long i = 0; i < n; i++) {
            s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) rnd.nextGaussian());
        }
        return s;
    }
}
