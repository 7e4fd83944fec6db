package dev.irbis.kernels.elementwise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StridedRowsTest {
    @Test
    void sameShapeCollapsesToOneRow() {
        long[] dims = {2, 3, 5};
        long[] s = {15, 5, 1};
        StridedRows rows = StridedRows.plan(dims, s, s);
        assertEquals(1, rows.rowCount());
        assertEquals(30, rows.rowLength());
    }

    @Test
    void perChannelOperandIsAScalarPerRow() {
        long[] dims = {2, 3, 4, 5};
        StridedRows rows = StridedRows.plan(dims, new long[] {60, 20, 5, 1}, new long[] {0, 1, 0, 0});
        assertEquals(6, rows.rowCount());
        assertEquals(20, rows.rowLength());
        assertEquals(0, rows.innerStride(1));
        List<Long> channel = new ArrayList<>();
        List<Long> start = new ArrayList<>();
        rows.forEach((off, n) -> {
            start.add(off[0]);
            channel.add(off[1]);
        });
        assertEquals(List.of(0L, 1L, 2L, 0L, 1L, 2L), channel);
        assertEquals(List.of(0L, 20L, 40L, 60L, 80L, 100L), start);
    }

    @Test
    void scalarSpaceAndEmptySpace() {
        StridedRows scalar = StridedRows.plan(new long[0], new long[0]);
        assertEquals(1, scalar.rowCount());
        assertEquals(1, scalar.rowLength());
        StridedRows empty = StridedRows.plan(new long[] {3, 0, 2}, new long[] {0, 2, 1});
        assertEquals(0, empty.rowCount());
    }
}
