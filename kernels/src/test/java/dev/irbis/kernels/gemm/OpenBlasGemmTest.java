package dev.irbis.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class OpenBlasGemmTest {
    @ParameterizedTest
    @CsvSource({
        "1,1,1,false,false,1,0", "7,5,3,false,false,1,0", "7,5,3,true,false,0.5,0", "7,5,3,false,true,1,1",
        "33,17,65,true,true,2,0.25", "64,49,147,false,false,1,0", "1,1000,2048,false,true,1,1",
        // One output column or row: the sgemv paths, every transpose, with and without beta.
        "300,1,70,false,false,1,0", "300,1,70,true,false,0.5,0", "300,1,70,false,true,1,0.5", "300,1,70,true,true,2,0",
        "1,300,70,false,false,1,0", "1,300,70,true,false,0.5,1", "1,300,70,false,true,1,0", "1,300,70,true,true,2,0.25",
        "1,1,9,true,true,1,0", "5,1,0,false,false,1,0.5"
    })
    void matchesScalarReference(int m, int n, int k, boolean ta, boolean tb, float alpha, float beta) {
        Random rnd = new Random(m * 31L + n * 7L + k);
        try (Arena arena = Arena.ofConfined()) {
            // Padded leading dimensions and offsets check the stride contract, not just dense matrices.
            int lda = (ta ? m : k) + 3;
            int ldb = (tb ? k : n) + 1;
            int ldc = n + 2;
            int aRows = ta ? k : m;
            int bRows = tb ? n : k;
            MemorySegment a = random(arena, 5 + (long) aRows * lda, rnd);
            MemorySegment b = random(arena, 2 + (long) bRows * ldb, rnd);
            MemorySegment c1 = random(arena, 4 + (long) m * ldc, rnd);
            if (beta == 0) {
                c1.setAtIndex(ValueLayout.JAVA_FLOAT, 4, Float.NaN); // garbage C must not leak through beta 0
            }
            MemorySegment c2 = arena.allocate(c1.byteSize()).copyFrom(c1);
            OpenBlasGemm.instance().sgemm(ta, tb, m, n, k, alpha, a, 5, lda, b, 2, ldb, beta, c1, 4, ldc);
            new ScalarGemm().sgemm(ta, tb, m, n, k, alpha, a, 5, lda, b, 2, ldb, beta, c2, 4, ldc);
            for (long i = 0; i < c1.byteSize() / 4; i++) {
                float x = c1.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                float y = c2.getAtIndex(ValueLayout.JAVA_FLOAT, i);
                assertEquals(y, x, 1e-4f * (1 + Math.abs(y)) * Math.sqrt(k), "element " + i);
            }
        }
    }

    @Test
    void reportsTheKernelSetTheLoadedLibraryRuns() {
        String name = OpenBlasGemm.coreName();
        String forced = System.getenv(OpenBlasGemm.CORETYPE_VARIABLE);
        assertTrue(name.matches("[A-Za-z0-9]+( \\(.*\\))?"), name);
        assertFalse(name.startsWith("unknown"), name);
        if (forced != null) {
            assertTrue(name.endsWith("(" + OpenBlasGemm.CORETYPE_VARIABLE + "=" + forced + " in the environment)"), name);
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
