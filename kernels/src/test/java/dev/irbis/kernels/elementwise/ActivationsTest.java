package dev.irbis.kernels.elementwise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ActivationsTest {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @Test
    void leakyReluAndClipMatchScalarTwins() {
        try (Arena arena = Arena.ofConfined()) {
            int n = 77;
            MemorySegment x = FloatBinaryTest.random(arena, n, new Random(3), false);
            MemorySegment y = arena.allocate(n * 4L);
            Activations.leakyRelu(x, y, n, 0.1f);
            for (int i = 0; i < n; i++) {
                assertEquals(Activations.leakyReluScalar(x.getAtIndex(F, i), 0.1f), y.getAtIndex(F, i), 0f);
            }
            Activations.clip(x, y, n, -0.5f, 0.75f);
            for (int i = 0; i < n; i++) {
                assertEquals(Activations.clipScalar(x.getAtIndex(F, i), -0.5f, 0.75f), y.getAtIndex(F, i), 0f);
            }
            // min > max: numpy sets everything to max.
            Activations.clip(x, y, n, 1f, -1f);
            for (int i = 0; i < n; i++) {
                assertEquals(-1f, y.getAtIndex(F, i), 0f);
            }
        }
    }
}
