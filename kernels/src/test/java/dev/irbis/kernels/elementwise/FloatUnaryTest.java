package dev.irbis.kernels.elementwise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FloatUnaryTest {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @ParameterizedTest
    @EnumSource(FloatUnary.Fn.class)
    void vectorMatchesScalarTwinOnOddLength(FloatUnary.Fn fn) {
        boolean positive = fn == FloatUnary.Fn.SQRT || fn == FloatUnary.Fn.LOG;
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = FloatBinaryTest.random(arena, 101, new Random(fn.ordinal()), positive);
            MemorySegment y = arena.allocate(101 * 4);
            FloatUnary.apply(fn, x, y, 101);
            for (int i = 0; i < 101; i++) {
                float want = FloatUnary.scalar(fn, x.getAtIndex(F, i));
                assertEquals(want, y.getAtIndex(F, i), Math.abs(want) * 1e-5f + 1e-6f, fn + " at " + i);
            }
        }
    }

    @Test
    void erfMatchesKnownValues() {
        assertEquals(0.0, Erf.erf(0), 0);
        assertEquals(0.5204998778130465, Erf.erf(0.5), 1e-12);
        assertEquals(-0.8427007929497149, Erf.erf(-1), 1e-12);
        assertEquals(0.9999779095030014, Erf.erf(3), 1e-10);
        assertEquals(1.0, Erf.erf(6), 0);
        // 2/sqrt(pi) * (x - x^3/3) at x = 1e-4.
        assertEquals(1.1283791633342487e-4, Erf.erf(1e-4), 1e-16);
    }

    @Test
    void sigmoidSaturatesWithoutNaN() {
        assertEquals(0f, FloatUnary.scalar(FloatUnary.Fn.SIGMOID, -200f), 0f);
        assertEquals(1f, FloatUnary.scalar(FloatUnary.Fn.SIGMOID, 200f), 0f);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = arena.allocate(32 * 4);
            for (int i = 0; i < 32; i++) {
                x.setAtIndex(F, i, i % 2 == 0 ? -200f : 200f);
            }
            FloatUnary.apply(FloatUnary.Fn.SIGMOID, x, x, 32);
            for (int i = 0; i < 32; i++) {
                assertEquals(i % 2 == 0 ? 0f : 1f, x.getAtIndex(F, i), 0f);
            }
        }
    }
}
