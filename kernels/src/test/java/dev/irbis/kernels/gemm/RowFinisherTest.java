package dev.irbis.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import java.util.concurrent.atomic.AtomicIntegerArray;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every GEMM finishes every element of C exactly once, with the right row, and nothing outside C. */
class RowFinisherTest {
    private static final ThreadBudget TWO = new ThreadBudget(2);
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT;

    @AfterAll
    static void closePool() {
        TWO.close();
    }

    @ParameterizedTest
    @CsvSource({
        // m, n, k, transA, transB, beta: one tile; ragged panels; several K blocks (kc 256) and several
        // finished column groups; rows split over threads (m > n); k = 0; one row; one dense column
        "5,7,3,false,false,0", "13,49,70,false,true,0", "37,500,600,false,false,0.5", "300,40,260,true,false,0",
        "130,3200,20,false,false,0", "9,11,0,false,false,1", "1,300,70,false,true,0", "70,1,90,true,true,0",
        // column blocks of BlockFinishingGemm with op(B) transposed
        "20,700,30,false,true,0"
    })
    void finishesEachElementOnceWithItsRow(int m, int n, int k, boolean ta, boolean tb, float beta) {
        try (ThreadBudget one = new ThreadBudget(1)) {
            // Small blocks so that the test shapes are cut into several (16 KiB: 96 columns at m = 37; 64 KiB: 112 at
            // m = 130), as a model's 2-thread OpenBLAS GEMM runs them with 256 KiB.
            for (Gemm gemm : new Gemm[] {new VectorGemm(one), new VectorGemm(TWO), OpenBlasGemm.instance(),
                new ParallelGemm(OpenBlasGemm.singleThreaded(), TWO),
                new BlockFinishingGemm(OpenBlasGemm.instance(), 16 << 10),
                new ParallelGemm(new BlockFinishingGemm(OpenBlasGemm.singleThreaded(), 64 << 10), TWO)}) {
                check(gemm, m, n, k, ta, tb, beta);
            }
        }
    }

    private static void check(Gemm gemm, int m, int n, int k, boolean ta, boolean tb, float beta) {
        Random rnd = new Random(m * 131L + n * 17L + k);
        int lda = (ta ? m : k) + 1;
        int ldb = (tb ? k : n) + 3;
        int ldc = n + 2;
        int cOffset = 3;
        try (Arena arena = Arena.ofShared()) {
            MemorySegment a = random(arena, (long) (ta ? k : m) * lda + 1, rnd);
            MemorySegment b = random(arena, (long) (tb ? n : k) * ldb + 1, rnd);
            MemorySegment c = random(arena, cOffset + (long) m * ldc, rnd);
            MemorySegment expected = arena.allocate(c.byteSize()).copyFrom(c);
            new ScalarGemm().sgemm(ta, tb, m, n, k, 1f, a, 1, lda, b, 1, ldb, beta, expected, cOffset, ldc);
            AtomicIntegerArray calls = new AtomicIntegerArray(Math.toIntExact(c.byteSize() / 4));
            // Not idempotent, and different per row: a second call or a wrong row shows in the values.
            gemm.sgemm(ta, tb, m, n, k, 1f, a, 1, lda, b, 1, ldb, beta, c, cOffset, ldc, (seg, off, count, row) -> {
                for (long e = off; e < off + count; e++) {
                    calls.incrementAndGet((int) e);
                    seg.setAtIndex(F, e, 2 * seg.getAtIndex(F, e) + row);
                }
            });
            for (int e = 0; e < calls.length(); e++) {
                int row = (e - cOffset) / ldc;
                boolean inC = e >= cOffset && (e - cOffset) % ldc < n;
                String where = gemm.name() + " " + m + "x" + n + "x" + k + " element " + e;
                assertEquals(inC ? 1 : 0, calls.get(e), where + " finished this many times");
                float want = inC ? 2 * expected.getAtIndex(F, e) + row : expected.getAtIndex(F, e);
                assertEquals(want, c.getAtIndex(F, e), 2e-4f * (1 + Math.abs(want)) * (float) Math.sqrt(k + 1), where);
            }
        }
    }

    private static MemorySegment random(Arena arena, long n, Random rnd) {
        MemorySegment s = arena.allocate(n * 4, 64);
        for (long i = 0; i < n; i++) {
            s.setAtIndex(F, i, (float) rnd.nextGaussian());
        }
        return s;
    }
}
