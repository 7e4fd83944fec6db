package dev.irbis.engine.ops.tensor;

import static dev.irbis.engine.ops.tensor.TensorOpTesting.iota;
import static dev.irbis.engine.ops.tensor.TensorOpTesting.longs;
import static dev.irbis.engine.ops.tensor.TensorOpTesting.op;
import static dev.irbis.engine.ops.tensor.TensorOpTesting.run1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Reshape, Flatten, Squeeze, Unsqueeze: shape-only operators. */
class ReshapeFamilyTest {
    @Test
    void reshapeCopiesZerosInfersMinusOneAndHonoursAllowZero() {
        assertArrayEquals(new long[] {2, 3, 4}, Reshape.target(new long[] {2, 3, 4}, new long[] {0, -1, 4}, false));
        assertArrayEquals(new long[] {0, 5}, Reshape.target(new long[] {0, 5}, new long[] {0, 5}, true));
        Tensor y = run1(op("Reshape", 14, 2, 1), iota(2, 3, 4), longs(4, 0, -1));
        assertArrayEquals(new long[] {4, 3, 2}, y.shape());
        assertArrayEquals(iota(24).toFloatArray(), y.toFloatArray());
        // allowzero is ignored before opset 14: 0 copies the dim.
        Tensor old = run1(op("Reshape", 13, 2, 1, Attribute.ofInt("allowzero", 1)), iota(2, 3), longs(0, 3));
        assertArrayEquals(new long[] {2, 3}, old.shape());
    }

    @Test
    void reshapeErrorsSayWhy() {
        var e = assertThrows(ShapeMismatchException.class, () -> Reshape.target(new long[] {2, 3}, new long[] {4, -1}, false));
        assertTrue(e.getMessage().contains("cannot be inferred"), e.getMessage());
        assertThrows(ShapeMismatchException.class, () -> Reshape.target(new long[] {2, 3}, new long[] {-1, -1}, false));
        assertThrows(ShapeMismatchException.class, () -> Reshape.target(new long[] {2, 3}, new long[] {7}, false));
        assertThrows(ShapeMismatchException.class, () -> Reshape.target(new long[] {2, 3}, new long[] {0, -1}, true));
        assertThrows(ShapeMismatchException.class, () -> Reshape.target(new long[] {6}, new long[] {3, 0}, false));
    }

    @Test
    void flattenAxesIncludingNegativeFromOpset11() {
        assertArrayEquals(new long[] {1, 24}, run1(op("Flatten", 13, 1, 1, Attribute.ofInt("axis", 0)), iota(2, 3, 4)).shape());
        assertArrayEquals(new long[] {6, 4}, run1(op("Flatten", 13, 1, 1, Attribute.ofInt("axis", -1)), iota(2, 3, 4)).shape());
        assertArrayEquals(new long[] {24, 1}, run1(op("Flatten", 9, 1, 1, Attribute.ofInt("axis", 3)), iota(2, 3, 4)).shape());
        assertThrows(ModelFormatException.class, () -> op("Flatten", 9, 1, 1, Attribute.ofInt("axis", -1)));
        assertThrows(ShapeMismatchException.class, () -> run1(op("Flatten", 13, 1, 1, Attribute.ofInt("axis", 4)), iota(2, 3, 4)));
    }

    @Test
    void squeezeByAttributeInputOrAllOnes() {
        assertArrayEquals(new long[] {3}, run1(op("Squeeze", 11, 1, 1, Attribute.ofInts("axes", -1, 0)), iota(1, 3, 1)).shape());
        assertArrayEquals(new long[] {1, 3}, run1(op("Squeeze", 13, 2, 1), iota(1, 3, 1), longs(2)).shape());
        assertArrayEquals(new long[] {3}, run1(op("Squeeze", 13, 2, 1), iota(1, 3, 1), null).shape());
        assertThrows(ShapeMismatchException.class, () -> run1(op("Squeeze", 13, 2, 1), iota(1, 3, 1), longs(1)));
    }

    @Test
    void unsqueezeUnsortedAndNegativeAxesCountAgainstOutputRank() {
        assertArrayEquals(new long[] {1, 3, 1, 4, 1},
                run1(op("Unsqueeze", 13, 2, 1), iota(3, 4), longs(4, 0, -3)).shape());
        assertArrayEquals(new long[] {3, 1, 4}, run1(op("Unsqueeze", 11, 1, 1, Attribute.ofInts("axes", 1)), iota(3, 4)).shape());
        assertThrows(ShapeMismatchException.class, () -> run1(op("Unsqueeze", 13, 2, 1), iota(3), longs(1, 1)));
        assertThrows(ModelFormatException.class, () -> op("Unsqueeze", 11, 1, 1));
    }
}
