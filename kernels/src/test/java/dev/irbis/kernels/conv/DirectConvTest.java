package dev.irbis.kernels.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

/** Pins the reference twin itself to hand-computed values, so the GEMM tests compare against something known. */
class DirectConvTest {
    @Test
    void paddedThreeByThreeSumOfOnes() {
        // 3x3 all-ones kernel over a 3x3 image of 1..9 with pad 1: each output is the sum of its neighbourhood.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1, 2, 3, 4, 5, 6, 7, 8, 9);
            MemorySegment w = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 1, 1, 1, 1, 1, 1, 1, 1, 1);
            MemorySegment b = arena.allocateFrom(ValueLayout.JAVA_FLOAT, 0.5f);
            MemorySegment y = arena.allocate(9 * 4);
            WindowGeometry g = WindowGeometry.of(new long[] {3, 3}, new long[] {3, 3}, new long[] {1, 1},
                    new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, new long[] {3, 3});
            DirectConv.run(x, w, b, y, 1, 1, 1, 1, g);
            float[] expected = {12, 21, 16, 27, 45, 33, 24, 39, 28};
            for (int i = 0; i < 9; i++) {
                expected[i] += 0.5f;
            }
            assertArrayEquals(expected, y.toArray(ValueLayout.JAVA_FLOAT), 0f);
        }
    }
}
