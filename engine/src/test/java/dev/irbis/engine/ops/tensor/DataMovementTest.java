package dev.irbis.engine.ops.tensor;

import static dev.irbis.engine.ops.tensor.TensorOpTesting.CTX;
import static dev.irbis.engine.ops.tensor.TensorOpTesting.iota;
import static dev.irbis.engine.ops.tensor.TensorOpTesting.longs;
import static dev.irbis.engine.ops.tensor.TensorOpTesting.op;
import static dev.irbis.engine.ops.tensor.TensorOpTesting.run1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.UnsupportedOperatorException;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Concat, Split, Gather, Expand, Shape, ConstantOfShape, Constant, Dropout. */
class DataMovementTest {
    @Test
    void concatAlongMiddleAxisForInt64AndEmptyInputs() {
        Tensor a = TensorOpTesting.iota(DataType.INT64, 2, 1, 2);
        Tensor b = Tensor.allocateCollected(DataType.INT64, 2, 0, 2);
        Tensor c = Tensor.ofLongs(new long[] {2, 2, 2}, 10, 11, 12, 13, 14, 15, 16, 17);
        Tensor y = run1(op("Concat", 13, 3, 1, Attribute.ofInt("axis", -2)), a, b, c);
        assertArrayEquals(new long[] {2, 3, 2}, y.shape());
        assertArrayEquals(new long[] {0, 1, 10, 11, 12, 13, 2, 3, 14, 15, 16, 17}, y.toLongArray());
        assertThrows(ShapeMismatchException.class,
                () -> run1(op("Concat", 13, 2, 1, Attribute.ofInt("axis", 1)), iota(2, 2), iota(3, 2)));
        assertThrows(ModelFormatException.class, () -> op("Concat", 7, 2, 1, Attribute.ofInt("axis", -1)));
    }

    @Test
    void splitVersions() {
        Tensor x = iota(2, 7);
        // Opset 18, num_outputs: parts of ceil(7/3) = 3, last smaller.
        Tensor[] s18 = op("Split", 18, 1, 3, Attribute.ofInt("axis", 1), Attribute.ofInt("num_outputs", 3)).run(new Tensor[] {x}, CTX);
        assertArrayEquals(new long[] {2, 3}, s18[0].shape());
        assertArrayEquals(new long[] {2, 1}, s18[2].shape());
        assertArrayEquals(new float[] {6, 13}, s18[2].toFloatArray());
        // Opset 13: sizes as input.
        Tensor[] s13 = op("Split", 13, 2, 2, Attribute.ofInt("axis", -1)).run(new Tensor[] {x, longs(2, 5)}, CTX);
        assertArrayEquals(new float[] {0, 1, 7, 8}, s13[0].toFloatArray());
        // Opset 11: sizes as attribute; without any, equal parts must divide.
        Tensor[] s11 = op("Split", 11, 1, 2, Attribute.ofInts("split", 1, 1)).run(new Tensor[] {x}, CTX);
        assertArrayEquals(new float[] {7, 8, 9, 10, 11, 12, 13}, s11[1].toFloatArray());
        assertThrows(ShapeMismatchException.class, () -> op("Split", 13, 1, 2, Attribute.ofInt("axis", 1)).run(new Tensor[] {x}, CTX));
        assertThrows(ModelFormatException.class, () -> op("Split", 18, 1, 2, Attribute.ofInt("num_outputs", 3)));
    }

    @Test
    void gatherWithNegativeInt32IndicesAndBoundsCheck() {
        Tensor data = iota(3, 4);
        Tensor idx = Tensor.allocateCollected(DataType.INT32, 2, 2);
        int[] v = {-1, 0, 2, 2};
        for (int i = 0; i < v.length; i++) {
            idx.setLong(i, v[i]);
        }
        Tensor y = run1(op("Gather", 13, 2, 1, Attribute.ofInt("axis", 1)), data, idx);
        assertArrayEquals(new long[] {3, 2, 2}, y.shape());
        assertArrayEquals(new float[] {3, 0, 2, 2, 7, 4, 6, 6, 11, 8, 10, 10}, y.toFloatArray());
        var e = assertThrows(ShapeMismatchException.class, () -> run1(op("Gather", 13, 2, 1), data, longs(3)));
        assertTrue(e.getMessage().contains("index 3 is out of range"), e.getMessage());
        Tensor scalarIdx = run1(op("Gather", 13, 2, 1), data, Tensor.scalarLong(-3));
        assertArrayEquals(new long[] {4}, scalarIdx.shape());
    }

    @Test
    void expandBroadcastsBothWays() {
        Tensor x = Tensor.ofFloats(new long[] {3, 1}, 1, 2, 3);
        Tensor y = run1(op("Expand", 13, 2, 1), x, longs(2, 1, 2));
        assertArrayEquals(new long[] {2, 3, 2}, y.shape());
        assertArrayEquals(new float[] {1, 1, 2, 2, 3, 3, 1, 1, 2, 2, 3, 3}, y.toFloatArray());
        assertThrows(ShapeMismatchException.class, () -> run1(op("Expand", 13, 2, 1), x, longs(2, 2)));
    }

    @Test
    void shapeStartEndClampFromOpset15() {
        Tensor x = iota(2, 3, 4, 5);
        assertArrayEquals(new long[] {3, 4}, run1(op("Shape", 15, 1, 1, Attribute.ofInt("start", 1), Attribute.ofInt("end", -1)), x)
                .toLongArray());
        assertArrayEquals(new long[] {2, 3, 4, 5}, run1(op("Shape", 15, 1, 1, Attribute.ofInt("start", -10)), x).toLongArray());
        assertArrayEquals(new long[] {}, run1(op("Shape", 15, 1, 1, Attribute.ofInt("start", 3), Attribute.ofInt("end", 1)), x)
                .toLongArray());
        assertArrayEquals(new long[] {2, 3, 4, 5}, run1(op("Shape", 13, 1, 1, Attribute.ofInt("start", 2)), x).toLongArray());
    }

    @Test
    void constantOfShapeAndConstant() {
        Tensor v = Tensor.allocateCollected(DataType.INT32, 1);
        v.setLong(0, -7);
        Tensor y = run1(op("ConstantOfShape", 9, 1, 1, Attribute.ofTensor("value", v)), longs(2, 3));
        assertEquals(DataType.INT32, y.dataType());
        assertArrayEquals(new long[] {-7, -7, -7, -7, -7, -7}, y.toLongArray());
        Tensor z = run1(op("ConstantOfShape", 9, 1, 1), longs());
        assertArrayEquals(new long[] {}, z.shape());
        assertEquals(0f, z.getFloat(0));

        Operator ints = op("Constant", 13, 0, 1, Attribute.ofInts("value_ints", 4, 5));
        Tensor a = run1(ints);
        Tensor b = run1(ints);
        assertNotSame(a, b);
        assertArrayEquals(new long[] {4, 5}, a.toLongArray());
        assertArrayEquals(new long[] {}, run1(op("Constant", 12, 0, 1, Attribute.ofFloat("value_float", 2f))).shape());
        assertThrows(UnsupportedOperatorException.class, () -> op("Constant", 13, 0, 1, Attribute.ofString("value_string", "x")));
        assertThrows(ModelFormatException.class, () -> op("Constant", 11, 0, 1, Attribute.ofInt("value_int", 1)));
        assertThrows(ModelFormatException.class, () -> op("Constant", 13, 0, 1));
    }

    @Test
    void dropoutIsACopyWithAllTrueMaskAndRefusesTraining() {
        Tensor x = iota(2, 3);
        Tensor[] r = op("Dropout", 13, 3, 2).run(new Tensor[] {x, Tensor.scalarFloat(0.3f), null}, CTX);
        assertNotSame(x, r[0]);
        assertArrayEquals(x.toFloatArray(), r[0].toFloatArray());
        assertEquals(DataType.BOOL, r[1].dataType());
        assertArrayEquals(new long[] {1, 1, 1, 1, 1, 1}, r[1].toLongArray());
        // Opset 7: the mask has the input's type.
        Tensor[] old = op("Dropout", 7, 1, 2, Attribute.ofFloat("ratio", 0.2f)).run(new Tensor[] {x}, CTX);
        assertEquals(DataType.FLOAT, old[1].dataType());
        assertNull(op("Dropout", 12, 1, 1).run(new Tensor[] {x}, CTX)[1]);

        Tensor on = Tensor.allocateCollected(DataType.BOOL);
        on.setLong(0, 1);
        var e = assertThrows(UnsupportedOperatorException.class,
                () -> op("Dropout", 13, 3, 1).run(new Tensor[] {x, null, on}, CTX));
        assertTrue(e.getMessage().contains("inference"), e.getMessage());
        // Training mode with ratio 0 keeps everything, so it is well defined.
        Tensor[] keep = op("Dropout", 13, 3, 1).run(new Tensor[] {x, Tensor.scalarFloat(0f), on}, CTX);
        assertArrayEquals(x.toFloatArray(), keep[0].toFloatArray());
    }
}
