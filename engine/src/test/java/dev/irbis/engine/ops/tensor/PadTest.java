package dev.irbis.engine.ops.tensor;

import static dev.irbis.engine.ops.tensor.TensorOpTesting.iota;
import static dev.irbis.engine.ops.tensor.TensorOpTesting.longs;
import static dev.irbis.engine.ops.tensor.TensorOpTesting.op;
import static dev.irbis.engine.ops.tensor.TensorOpTesting.run1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

class PadTest {
    // numpy.pad(arange(6).reshape(2, 3), ((1, 2), (4, 3)), mode)
    private static final long[] REFLECT = {3, 4, 5, 4, 3, 4, 5, 4, 3, 4, 0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 3, 4, 5, 4, 3, 4, 5, 4, 3, 4,
        0, 1, 2, 1, 0, 1, 2, 1, 0, 1, 3, 4, 5, 4, 3, 4, 5, 4, 3, 4};
    private static final long[] WRAP = {5, 3, 4, 5, 3, 4, 5, 3, 4, 5, 2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 5, 3, 4, 5, 3, 4, 5, 3, 4, 5,
        2, 0, 1, 2, 0, 1, 2, 0, 1, 2, 5, 3, 4, 5, 3, 4, 5, 3, 4, 5};
    private static final long[] EDGE = {0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 0, 0, 0, 0, 0, 1, 2, 2, 2, 2, 3, 3, 3, 3, 3, 4, 5, 5, 5, 5,
        3, 3, 3, 3, 3, 4, 5, 5, 5, 5, 3, 3, 3, 3, 3, 4, 5, 5, 5, 5};

    private static Tensor pad(String mode, int opset, Tensor x, long... pads) {
        return run1(op("Pad", opset, 2, 1, Attribute.ofString("mode", mode)), x, longs(pads));
    }

    @Test
    void reflectWrapAndEdgeWithPadsLongerThanTheAxis() {
        Tensor x = TensorOpTesting.iota(DataType.INT32, 2, 3);
        Tensor r = pad("reflect", 19, x, 1, 4, 2, 3);
        assertArrayEquals(new long[] {5, 10}, r.shape());
        assertArrayEquals(REFLECT, r.toLongArray());
        assertArrayEquals(WRAP, pad("wrap", 19, x, 1, 4, 2, 3).toLongArray());
        assertArrayEquals(EDGE, pad("edge", 13, TensorOpTesting.iota(DataType.FLOAT16, 2, 3), 1, 4, 2, 3).toLongArray());
    }

    @Test
    void constantValueInputKeepsInt64Exact() {
        Tensor x = TensorOpTesting.iota(DataType.INT64, 1, 2);
        Tensor cv = Tensor.ofLongs(new long[0], Long.MAX_VALUE);
        Tensor y = run1(op("Pad", 13, 3, 1), x, longs(0, 1, 1, 0), cv);
        assertArrayEquals(new long[] {2, 3}, y.shape());
        assertArrayEquals(new long[] {Long.MAX_VALUE, 0, 1, Long.MAX_VALUE, Long.MAX_VALUE, Long.MAX_VALUE}, y.toLongArray());
    }

    @Test
    void negativePadsCropAndAxesInputSelectsAxes() {
        Tensor x = iota(3, 4);
        // axis 1 only (given as -1): crop one at the start, add two zeros at the end.
        Tensor y = run1(op("Pad", 18, 4, 1), x, longs(-1, 2), null, longs(-1));
        assertArrayEquals(new long[] {3, 5}, y.shape());
        assertArrayEquals(new float[] {1, 2, 3, 0, 0, 5, 6, 7, 0, 0, 9, 10, 11, 0, 0}, y.toFloatArray());
        // Edge after cropping repeats the new edge.
        Tensor e = pad("edge", 13, iota(4), -2, 2);
        assertArrayEquals(new float[] {2, 3, 3, 3}, e.toFloatArray());
    }

    @Test
    void opset2UsesPadsAndValueAttributes() {
        Tensor y = run1(op("Pad", 7, 1, 1, Attribute.ofInts("pads", 1, 0), Attribute.ofFloat("value", 1.5f)), iota(2));
        assertArrayEquals(new float[] {1.5f, 0, 1}, y.toFloatArray());
    }

    @Test
    void errors() {
        assertThrows(ModelFormatException.class, () -> op("Pad", 18, 2, 1, Attribute.ofString("mode", "wrap")));
        assertThrows(ModelFormatException.class, () -> op("Pad", 19, 2, 1, Attribute.ofString("mode", "mirror")));
        assertThrows(ShapeMismatchException.class, () -> pad("constant", 13, iota(2, 2), 1, 1));
        assertThrows(ShapeMismatchException.class, () -> pad("constant", 13, iota(2), -2, -1));
    }
}
