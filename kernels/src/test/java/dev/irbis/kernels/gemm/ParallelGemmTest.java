package dev.irbis.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ParallelGemmTest {
    @ParameterizedTest
    @CsvSource({
        "64,3136,64,false,false,1,0", "64,49,576,false,false,1,0", "300,70,90,true,false,1,0.5",
        "70,300,90,false,true,2,0", "33,200,65,true,true,1,1", "2048,49,512,false,false,1,0", "1,1000,2048,false,true,1,1"
    })
    void matchesTheSerialGemmOnEveryBlockSplit(int m, int n, int k, boolean ta, boolean tb, float alpha, float beta) {
        Random rnd = new Random(m * 131L + n);
        try (Arena arena = Arena.ofShared(); ThreadBudget two = new ThreadBudget(2)) {
            int lda = (ta ? m : k) + 3;
            int ldb = (tb ? k : n) + 1;
            int ldc = n + 2;
            MemorySegment a = random(arena, 5 + (long) (ta ? k : m) * lda, rnd);
            MemorySegment b = random(arena, 2 + (long) (tb ? n : k) * ldb, rnd);
            MemorySegment c1 = random(arena, 4 + (long) m * ldc, rnd);
            MemorySegment c2 = arena.allocate(c1.byteSize()).copyFrom(c1);
            new ParallelGemm(new ScalarGemm(), two).sgemm(ta, tb, m, n, k, alpha, a, 5, lda, b, 2, ldb, beta, c1, 4, ldc);
            new ScalarGemm().sgemm(ta, tb, m, n, k, alpha, a, 5, lda, b, 2, ldb, beta, c2, 4, ldc);
            for (long i = 0; i < c1.byteSize() / 4; i++) {
                assertEquals(c2.getAtIndex(ValueLayout.JAVA_FLOAT, i), c1.getAtIndex(ValueLayout.JAVA_FLOAT, i), 0f, "element " + i);
            }
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
