package dev.irbis.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class VectorGemmTest {
    private static final ThreadBudget TWO = new ThreadBudget(2);

    @AfterAll
    static void closePool() {
        TWO.close();
    }

    @ParameterizedTest
    @CsvSource({
        // m, n, k, transA, transB, alpha, beta, threads, native
        "1,1,1,false,false,1,0,1,true", "7,5,3,false,false,1,0,1,true", "7,5,3,true,false,0.5,0,1,false",
        "7,5,3,false,true,1,1,2,true", "7,5,3,true,true,-1,2,1,false",
        "33,17,65,true,true,2,0.25,2,true", "33,17,65,false,false,1,0,2,false",
        "13,31,300,false,false,1,0.5,1,true", "13,31,300,true,true,1,0,2,false",
        "64,49,147,false,false,1,0,2,true", "64,49,147,false,true,1,0,1,true",
        "131,71,517,false,false,1.5,0,2,true", "131,71,517,true,false,1,-0.5,2,true",
        "6,16,256,false,false,1,0,1,true", "12,32,257,false,false,1,1,1,true", "5,9,1,false,false,1,0,1,true",
        "200,9,40,false,false,1,0,2,true", "9,200,40,true,true,1,0,2,false", "128,3200,20,false,false,1,0,2,true",
        "1,1000,2048,false,true,1,0,2,true", "1,1000,2048,true,true,1,1,1,false", "1,77,33,false,false,2,0,2,true",
        "1,300,5,true,false,1,0.5,1,false", "3,1,50,false,true,1,0,1,true", "50,1,3,true,false,1,0,2,true",
        // Whole 3L / 2L tiles: stored straight to C (beta 0, first K block) or merged (later blocks, beta 1); heap C.
        "30,96,600,false,false,1,1,1,true", "30,96,600,false,false,1,0,2,false", "24,64,513,false,true,1,1,2,false",
        "18,160,40,true,false,1,0,1,true"
    })
    void matchesScalarReference(int m, int n, int k, boolean ta, boolean tb, float alpha, float beta, int threads,
                                boolean nativeMemory) {
        try (ThreadBudget one = new ThreadBudget(1)) {
            check(new VectorGemm(threads == 1 ? one : TWO), m, n, k, ta, tb, alpha, beta, nativeMemory);
        }
    }

    /**
     * A prepacked A (read in place) against the same product packed per call, which runs the same kernels in the same
     * order, so they must agree bit for bit, and against the scalar reference; with a finisher, padded leading
     * dimensions and offsets, rows that are not whole tiles, one and several K blocks, M or N split over threads.
     */
    @ParameterizedTest
    @CsvSource({"7,5,3,1", "13,49,300,2", "131,49,517,2", "64,64,147,1", "100,100,600,2", "5,1,9,1", "6,2,256,1",
        "300,49,40,2", "1,49,20,1", "2048,49,70,2"})
    void prepackedAMatchesPackingPerCall(int m, int n, int k, int threads) {
        Random rnd = new Random(m * 131L + n * 17L + k);
        RowFinisher finisher = (seg, off, count, row) -> {
            for (int j = 0; j < count; j++) {
                float v = seg.getAtIndex(ValueLayout.JAVA_FLOAT, off + j) + 0.25f * row;
                seg.setAtIndex(ValueLayout.JAVA_FLOAT, off + j, Math.max(0f, v));
            }
        };
        try (Arena arena = Arena.ofShared(); ThreadBudget one = new ThreadBudget(1)) {
            VectorGemm gemm = new VectorGemm(threads == 1 ? one : TWO);
            int ldb = n + 3;
            int ldc = n + 1;
            MemorySegment a = random(arena, true, 7 + (long) m * k, rnd);
            MemorySegment b = random(arena, true, 2 + (long) k * ldb, rnd);
            MemorySegment prepacked = random(arena, true, 4 + (long) m * ldc, rnd);
            MemorySegment packed = arena.allocate(prepacked.byteSize()).copyFrom(prepacked);
            MemorySegment reference = arena.allocate(prepacked.byteSize()).copyFrom(prepacked);
            PrepackedA pa = PrepackedA.of(a, 7, m, k);
            assertEquals(m, pa.rows());
            assertEquals(k, pa.cols());
            gemm.sgemm(pa, n, b, 2, ldb, prepacked, 4, ldc, finisher);
            gemm.sgemm(false, false, m, n, k, 1f, a, 7, k, b, 2, ldb, 0f, packed, 4, ldc, finisher);
            new ScalarGemm().sgemm(false, false, m, n, k, 1f, a, 7, k, b, 2, ldb, 0f, reference, 4, ldc, finisher);
            for (long i = 0; i < prepacked.byteSize() / 4; i++) {
                float x = prepacked.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                assertEquals(packed.getAtIndex(ValueLayout.JAVA_FLOAT, i), x, 0f, "element " + i);
                float y = reference.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                assertEquals(y, x, 1e-4f * (1 + Math.abs(y)) * Math.sqrt(k), "element " + i);
            }
        }
    }

    @Test
    void prepackedARejectsEmptyMatrices() {
        MemorySegment a = MemorySegment.ofArray(new float[4]);
        assertThrows(IllegalArgumentException.class, () -> PrepackedA.of(a, 0, 0, 4));
        assertThrows(IllegalArgumentException.class, () -> PrepackedA.of(a, 0, 4, 0));
        assertTrue(VectorGemm.prefersPrepackedA(49));
        assertFalse(VectorGemm.prefersPrepackedA(196));
        assertFalse(VectorGemm.prefersPrepackedA(1));
    }

    /** One dense output column (ldc 1): the transposed matrix-vector path, every transpose, 1 and 2 threads. */
    @ParameterizedTest
    @CsvSource({"300,70,false,false,1,0", "300,70,true,false,0.5,1", "300,70,false,true,2,0", "300,70,true,true,1,0.25",
        "5000,33,false,false,1,0", "7,1,true,true,1,0"})
    void singleDenseColumnMatchesScalarReference(int m, int k, boolean ta, boolean tb, float alpha, float beta) {
        for (ThreadBudget threads : new ThreadBudget[] {ThreadBudget.SINGLE, TWO}) {
            try (Arena arena = Arena.ofShared()) {
                Random rnd = new Random(m + 17L * k);
                int lda = (ta ? m : k) + 3;
                int ldb = tb ? k + 1 : 2;
                MemorySegment a = random(arena, true, 5 + (long) (ta ? k : m) * lda, rnd);
                MemorySegment b = random(arena, true, 2 + (long) (tb ? 1 : k) * ldb, rnd);
                MemorySegment c1 = random(arena, true, 4 + m, rnd);
                MemorySegment c2 = arena.allocate(c1.byteSize()).copyFrom(c1);
                if (beta == 0) {
                    c1.setAtIndex(ValueLayout.JAVA_FLOAT, 4, Float.NaN);
                }
                new VectorGemm(threads).sgemm(ta, tb, m, 1, k, alpha, a, 5, lda, b, 2, ldb, beta, c1, 4, 1);
                new ScalarGemm().sgemm(ta, tb, m, 1, k, alpha, a, 5, lda, b, 2, ldb, beta, c2, 4, 1);
                for (long i = 0; i < c1.byteSize() / 4; i++) {
                    float want = c2.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                    assertEquals(want, c1.getAtIndex(ValueLayout.JAVA_FLOAT, i), 1e-4f * (1 + Math.abs(want)) * Math.sqrt(k),
                            "element " + i + ", " + threads.threads() + " threads");
                }
            }
        }
    }

    @Test
    void betaZeroIgnoresNanInC() {
        VectorGemm gemm = new VectorGemm(TWO);
        for (int[] s : new int[][] {{1, 1, 1}, {7, 5, 3}, {19, 37, 300}, {1, 40, 9}}) {
            try (Arena arena = Arena.ofShared()) {
                Random rnd = new Random(5);
                int m = s[0], n = s[1], k = s[2];
                MemorySegment a = random(arena, true, (long) m * k, rnd);
                MemorySegment b = random(arena, true, (long) k * n, rnd);
                MemorySegment c = arena.allocate((long) m * n * 4);
                MemorySegment ref = arena.allocate((long) m * n * 4);
                c.fill((byte) 0xFF); // every float is NaN
                gemm.sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, c, 0, n);
                new ScalarGemm().sgemm(false, false, m, n, k, 1f, a, 0, k, b, 0, n, 0f, ref, 0, n);
                for (long i = 0; i < (long) m * n; i++) {
                    float x = c.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                    assertTrue(Float.isFinite(x), "element " + i + " is " + x);
                    assertEquals(ref.getAtIndex(ValueLayout.JAVA_FLOAT, i), x, 1e-4f * (1 + Math.sqrt(k)));
                }
            }
        }
    }

    @Test
    void emptyInnerDimensionScalesC() {
        try (Arena arena = Arena.ofShared()) {
            MemorySegment c = arena.allocate(6 * 4);
            for (int i = 0; i < 6; i++) {
                c.setAtIndex(ValueLayout.JAVA_FLOAT, i, i);
            }
            MemorySegment none = arena.allocate(4);
            new VectorGemm(ThreadBudget.SINGLE).sgemm(false, false, 2, 3, 0, 1f, none, 0, 1, none, 0, 3,
                    0.5f, c, 0, 3);
            for (int i = 0; i < 6; i++) {
                assertEquals(0.5f * i, c.getAtIndex(ValueLayout.JAVA_FLOAT, i));
            }
        }
    }

    @Test
    void largeResNetShapesMatchOpenBlas() {
        // Shapes spanning several K, M and N blocks, including a 1 x 1 conv with a ragged 7 x 7 output.
        VectorGemm gemm = new VectorGemm(TWO);
        for (int[] s : new int[][] {{64, 3136, 64}, {512, 49, 1024}, {130, 700, 600}}) {
            check(gemm, OpenBlasGemm.instance(), s[0], s[1], s[2], false, false, 1f, 0f, true);
        }
    }

    private static void check(Gemm gemm, int m, int n, int k, boolean ta, boolean tb, float alpha, float beta,
                              boolean nativeMemory) {
        check(gemm, new ScalarGemm(), m, n, k, ta, tb, alpha, beta, nativeMemory);
    }

    private static void check(Gemm gemm, Gemm reference, int m, int n, int k, boolean ta, boolean tb, float alpha,
                              float beta, boolean nativeMemory) {
        Random rnd = new Random(m * 31L + n * 7L + k);
        try (Arena arena = Arena.ofShared()) {
            // Padded leading dimensions and offsets check the stride contract, not just dense matrices.
            int lda = (ta ? m : k) + 3;
            int ldb = (tb ? k : n) + 1;
            int ldc = n + 2;
            int aRows = ta ? k : m;
            int bRows = tb ? n : k;
            MemorySegment a = random(arena, nativeMemory, 5 + (long) aRows * lda, rnd);
            MemorySegment b = random(arena, nativeMemory, 2 + (long) bRows * ldb, rnd);
            MemorySegment c1 = random(arena, nativeMemory, 4 + (long) m * ldc, rnd);
            MemorySegment c2 = arena.allocate(c1.byteSize()).copyFrom(c1);
            gemm.sgemm(ta, tb, m, n, k, alpha, a, 5, lda, b, 2, ldb, beta, c1, 4, ldc);
            reference.sgemm(ta, tb, m, n, k, alpha, a, 5, lda, b, 2, ldb, beta, c2, 4, ldc);
            for (long i = 0; i < c1.byteSize() / 4; i++) {
                float x = c1.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                float y = c2.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                assertEquals(y, x, 1e-4f * (1 + Math.abs(y)) * Math.sqrt(k), "element " + i);
            }
        }
    }

    private static MemorySegment random(Arena arena, boolean nativeMemory, long n, Random rnd) {
        MemorySegment s = nativeMemory ? arena.allocate(n * 4, 64) : MemorySegment.ofArray(new float[(int) n]);
        for (long i = 0; i < n; i++) {
            s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) rnd.nextGaussian());
        }
        return s;
    }
}
