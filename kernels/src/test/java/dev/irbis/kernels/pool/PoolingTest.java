package dev.irbis.kernels.pool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.kernels.conv.WindowGeometry;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import org.junit.jupiter.api.Test;

class PoolingTest {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT;

    /** 4x4 image 1..16, 2x2 kernel, stride 2, pad 1 at the start of both dims: 3x3 output. */
    private static WindowGeometry padded4x4() {
        return WindowGeometry.of(new long[] {4, 4}, new long[] {2, 2}, new long[] {2, 2}, new long[] {1, 1},
                new long[] {1, 1}, new long[] {1, 1}, new long[] {3, 3});
    }

    private static MemorySegment ramp(Arena arena, int n) {
        MemorySegment s = arena.allocate(n * 4L);
        for (int i = 0; i < n; i++) {
            s.setAtIndex(F, i, i + 1);
        }
        return s;
    }

    @Test
    void maxPoolValuesAndIndicesInBothStorageOrders() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = ramp(arena, 32); // two planes
            MemorySegment y = arena.allocate(18 * 4L);
            MemorySegment idx = arena.allocate(18 * 8L);
            MaxPooling.run(x, y, idx, false, 2, padded4x4());
            float[] first = {1, 3, 4, 9, 11, 12, 13, 15, 16};
            float[] got = y.toArray(F);
            for (int i = 0; i < 9; i++) {
                assertEquals(first[i], got[i]);
                assertEquals(first[i] + 16, got[i + 9]);
                assertEquals((long) first[i] - 1, idx.getAtIndex(ValueLayout.JAVA_LONG, i));
                assertEquals((long) first[i] + 15, idx.getAtIndex(ValueLayout.JAVA_LONG, i + 9));
            }
            MaxPooling.run(x, y, idx, true, 2, padded4x4());
            // value 11 sits at h=2, w=2 -> column-major 2 + 2*4 = 10; value 13 at h=3, w=0 -> 3.
            assertEquals(10, idx.getAtIndex(ValueLayout.JAVA_LONG, 4));
            assertEquals(3, idx.getAtIndex(ValueLayout.JAVA_LONG, 6));
            assertEquals(16 + 10, idx.getAtIndex(ValueLayout.JAVA_LONG, 13));
        }
    }

    @Test
    void averagePoolCountsPaddingOnlyWhenAsked() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = ramp(arena, 16);
            MemorySegment y = arena.allocate(9 * 4L);
            AveragePooling.run(x, y, false, 1, padded4x4());
            assertArrayEquals(new float[] {1, 2.5f, 4, 7, 8.5f, 10, 13, 14.5f, 16}, y.toArray(F), 1e-6f);
            AveragePooling.run(x, y, true, 1, padded4x4());
            assertArrayEquals(new float[] {0.25f, 1.25f, 1, 3.5f, 8.5f, 5, 3.25f, 7.25f, 4}, y.toArray(F), 1e-6f);
        }
    }

    @Test
    void averagePoolIgnoresCeilModeTapsEvenWithCountIncludePad() {
        // 1-D, in 5, kernel 2, stride 2, no pads, ceil mode: 3 outputs, the last window covers x[4] and a
        // position beyond the input that is not padding, so it counts 1 element.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = ramp(arena, 5);
            MemorySegment y = arena.allocate(3 * 4L);
            WindowGeometry g = WindowGeometry.of(new long[] {5}, new long[] {2}, new long[] {2}, new long[] {1},
                    new long[] {0}, new long[] {0}, new long[] {3});
            AveragePooling.run(x, y, true, 1, g);
            assertArrayEquals(new float[] {1.5f, 3.5f, 5}, y.toArray(F), 1e-6f);
        }
    }

    @Test
    void dilatedMaxPool3d() {
        // 3x3x3 ramp, kernel 2 with dilation 2: the single window takes the corners; max is the last corner.
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = ramp(arena, 27);
            MemorySegment y = arena.allocate(4);
            MemorySegment idx = arena.allocate(8);
            WindowGeometry g = WindowGeometry.of(new long[] {3, 3, 3}, new long[] {2, 2, 2}, new long[] {1, 1, 1},
                    new long[] {2, 2, 2}, new long[] {0, 0, 0}, new long[] {0, 0, 0}, new long[] {1, 1, 1});
            MaxPooling.run(x, y, idx, false, 1, g);
            assertEquals(27f, y.getAtIndex(F, 0));
            assertEquals(26, idx.getAtIndex(ValueLayout.JAVA_LONG, 0));
        }
    }

    /**
     * The vectorised 2-D path (no indices) against the tap-by-tap path (taken when indices are asked for):
     * widths that are not multiples of the vector length, strides, dilations, padding on either side,
     * ceil-mode windows past the end, and NaN, which never wins.
     */
    @Test
    void twoDimensionalFastPathMatchesTapByTap() {
        int[][] cases = {
            // inH, inW, k, stride, dilation, padBegin, padEnd
            {112, 112, 3, 2, 1, 1, 1}, {7, 7, 3, 1, 1, 1, 1}, {13, 21, 2, 2, 1, 0, 1}, {9, 5, 3, 3, 2, 2, 2},
            {1, 17, 1, 1, 1, 0, 0}, {6, 6, 5, 1, 1, 4, 4}, {30, 33, 3, 2, 1, 0, 2}, {20, 75, 3, 2, 2, 1, 2},
        };
        java.util.Random random = new java.util.Random(7);
        try (Arena arena = Arena.ofConfined()) {
            for (int[] c : cases) {
                int inH = c[0], inW = c[1], k = c[2], s = c[3], d = c[4], pb = c[5], pe = c[6];
                int outH = (inH + pb + pe - d * (k - 1) - 1) / s + 1;
                int outW = (inW + pb + pe - d * (k - 1) - 1) / s + 1;
                WindowGeometry g = WindowGeometry.of(new long[] {inH, inW}, new long[] {k, k}, new long[] {s, s},
                        new long[] {d, d}, new long[] {pb, pb}, new long[] {pe, pe}, new long[] {outH, outW});
                int planes = 3;
                MemorySegment x = arena.allocate((long) planes * inH * inW * 4);
                for (long i = 0; i < x.byteSize() / 4; i++) {
                    float v = random.nextInt(10) == 0 ? Float.NaN : random.nextFloat() * 2 - 1;
                    x.setAtIndex(F, i, random.nextInt(4) == 0 ? 0f : v);
                }
                long outSize = (long) planes * outH * outW;
                MemorySegment fast = arena.allocate(outSize * 4);
                MemorySegment reference = arena.allocate(outSize * 4);
                MemorySegment idx = arena.allocate(outSize * 8);
                MaxPooling.run(x, fast, null, false, planes, g);
                MaxPooling.run(x, reference, idx, false, planes, g);
                assertArrayEquals(reference.toArray(F), fast.toArray(F), 0f, java.util.Arrays.toString(c));
            }
        }
    }

    @Test
    void globalPools() {
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = ramp(arena, 12);
            MemorySegment y = arena.allocate(3 * 4L);
            GlobalPooling.average(x, y, 3, 4);
            assertArrayEquals(new float[] {2.5f, 6.5f, 10.5f}, y.toArray(F), 1e-6f);
            x.setAtIndex(F, 5, Float.NaN);
            GlobalPooling.max(x, y, 3, 4);
            assertArrayEquals(new float[] {4, Float.NaN, 12}, y.toArray(F), 0f);
        }
    }
}
