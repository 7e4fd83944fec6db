package dev.irbis.bench;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutputCheckTest {
    private static final float[] REF = {5f, 1f, 4f, 2f, 3f, 0f, -1f, 10f, 9f, 8f, 7f, 6f, 0f, 1f};

    @Test
    void passesWithinTheRelativeBound() {
        float[] out = REF.clone();
        out[0] += 9e-4f; // bound: 1e-4 * max|ref| = 1e-3
        assertDoesNotThrow(() -> OutputCheck.requireClose("m", out, REF, 2));
    }

    @Test
    void failsBeyondTheBoundSayingByHowMuch() {
        float[] out = REF.clone();
        out[3] += 2e-3f;
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputCheck.requireClose("m", out, REF, 2));
        assertTrue(e.getMessage().contains("max |diff|") && e.getMessage().contains("exceeds"), e.getMessage());
    }

    @Test
    void failsWhenTopFiveOfAnImageDiffer() {
        // Two images of 7 classes; swapping two close scores of image 1 within the tolerance of a large max |ref|.
        float[] ref = {1000f, 0f, 0f, 0f, 0f, 0f, 0f, 0.5f, 0.4f, 0.3f, 0.2f, 0.15f, 0f, 0f};
        float[] out = ref.clone();
        out[11] = 0.22f; // within 1e-4 * 1000 = 0.1, but overtakes class 3 of image 1
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputCheck.requireClose("m", out, ref, 2));
        assertTrue(e.getMessage().contains("image 1"), e.getMessage());
    }

    @Test
    void failsOnNaN() {
        float[] out = REF.clone();
        out[5] = Float.NaN;
        assertThrows(IllegalStateException.class, () -> OutputCheck.requireClose("m", out, REF, 2));
    }

    @Test
    void topFiveIsPerImage() {
        assertArrayEquals(new int[] {0, 2, 4, 3, 1}, OutputCheck.top5(REF, 0, 7));
        assertArrayEquals(new int[] {0, 1, 2, 3, 4}, OutputCheck.top5(REF, 7, 7));
    }

    @Test
    void sensitivityWidensTheBoundOnlyWhereItIsLarger() {
        float[] out = REF.clone();
        out[3] += 2e-3f; // beyond 1e-4 * max|ref| = 1e-3
        assertDoesNotThrow(() -> OutputCheck.requireClose("m", out, REF, 3e-4, 2)); // 10 * 3e-4 = 3e-3
        assertThrows(IllegalStateException.class, () -> OutputCheck.requireClose("m", out, REF, 5e-5, 2)); // 5e-4 < 1e-3
        assertEquals(1e-3, OutputCheck.bound(REF, 5e-5), 1e-12);
        assertEquals(3e-3, OutputCheck.bound(REF, 3e-4), 1e-12);
    }

    @Test
    void sensitivityDoesNotExcuseDifferentTopFive() {
        float[] out = REF.clone();
        out[1] = 4.5f; // class 1 of image 0 overtakes classes 2, 4 and 3
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> OutputCheck.requireClose("m", out, REF, 1, 2));
        assertTrue(e.getMessage().contains("top-5"), e.getMessage());
    }

    @Test
    void perturbationMovesEveryValueByExactlyOneUlp() {
        float[] data = {0f, 1f, -2.5f, 1e-30f, 3e38f, 7f};
        float[] moved = OutputCheck.perturbByOneUlp(data, 5);
        boolean up = false;
        boolean down = false;
        for (int i = 0; i < data.length; i++) {
            assertTrue(moved[i] == Math.nextUp(data[i]) || moved[i] == Math.nextDown(data[i]), "value " + i);
            up |= moved[i] > data[i];
            down |= moved[i] < data[i];
        }
        assertTrue(up && down, "both directions occur");
        assertArrayEquals(moved, OutputCheck.perturbByOneUlp(data, 5));
        assertEquals(0, OutputCheck.maxDiff(data, data));
        assertTrue(Double.isNaN(OutputCheck.maxDiff(new float[] {Float.NaN}, new float[] {0f})));
    }
}
