package dev.irbis.kernels.gemm;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How BlockFinishingGemm cuts C; the values and the finisher's contract are checked in {@link RowFinisherTest}. */
class BlockFinishingGemmTest {
    /** Records the column ranges the wrapped GEMM is called on. */
    private static final class Recording implements Gemm {
        final List<int[]> calls = new ArrayList<>();

        @Override
        public void sgemm(boolean transA, boolean transB, int m, int n, int k, float alpha, MemorySegment a, long aOffset,
                          int lda, MemorySegment b, long bOffset, int ldb, float beta, MemorySegment c, long cOffset,
                          int ldc) {
            calls.add(new int[] {(int) cOffset, n, (int) bOffset});
        }

        @Override
        public String name() {
            return "recording";
        }
    }

    @Test
    void cutsWideCIntoAlignedColumnBlocksWithinTheBudget() {
        Recording inner = new Recording();
        BlockFinishingGemm gemm = new BlockFinishingGemm(inner, 64 << 10);
        // m = 100: 65536 / 400 = 163 columns, rounded down to 160.
        assertEquals(160, gemm.blockColumns(100));
        List<Integer> finishedRows = new ArrayList<>();
        gemm.sgemm(false, false, 100, 500, 8, 1f, null, 0, 8, null, 7, 500, 0f, null, 3, 500,
                (seg, off, count, row) -> finishedRows.add(row));
        assertEquals(4, inner.calls.size());
        int[][] expected = {{3, 160, 7}, {163, 160, 167}, {323, 160, 327}, {483, 20, 487}};
        for (int i = 0; i < expected.length; i++) {
            assertEquals(List.of(expected[i][0], expected[i][1], expected[i][2]),
                    List.of(inner.calls.get(i)[0], inner.calls.get(i)[1], inner.calls.get(i)[2]), "call " + i);
        }
        assertEquals(400, finishedRows.size());
    }

    @Test
    void leavesCWholeWhenItFitsOrIsTooTall() {
        Recording inner = new Recording();
        BlockFinishingGemm gemm = new BlockFinishingGemm(inner, 64 << 10);
        RowFinisher none = (seg, off, count, row) -> { };
        gemm.sgemm(false, false, 100, 160, 8, 1f, null, 0, 8, null, 0, 160, 0f, null, 0, 160, none);
        // 2048 rows: 8 columns would fit, fewer than the minimum of 64, so C goes whole.
        assertEquals(Integer.MAX_VALUE, gemm.blockColumns(2048));
        gemm.sgemm(false, false, 2048, 500, 8, 1f, null, 0, 8, null, 0, 500, 0f, null, 0, 500, none);
        // Without a finisher there is nothing to keep in cache.
        gemm.sgemm(false, false, 100, 500, 8, 1f, null, 0, 8, null, 0, 500, 0f, null, 0, 500);
        assertEquals(List.of(160, 500, 500), inner.calls.stream().map(c -> c[1]).toList());
    }

    @Test
    void transposedBMovesByRows() {
        Recording inner = new Recording();
        new BlockFinishingGemm(inner, 64 << 10).sgemm(false, true, 100, 200, 8, 1f, null, 0, 8, null, 5, 9, 0f, null, 0,
                200, (seg, off, count, row) -> { });
        assertEquals(5 + 160 * 9, inner.calls.get(1)[2]);
    }

    @Test
    void rejectsBlocksSmallerThanTheMinimumWidth() {
        assertThrows(IllegalArgumentException.class, () -> new BlockFinishingGemm(new ScalarGemm(), 100));
    }
}
