package dev.irbis.engine.ops.math;

import static dev.irbis.engine.ops.math.MathOpHarness.doubles;
import static dev.irbis.engine.ops.math.MathOpHarness.longs;
import static dev.irbis.engine.ops.math.MathOpHarness.run;
import static dev.irbis.engine.ops.math.MathOpHarness.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ElementwiseOpsTest {
    @Test
    void perChannelAddBroadcastsLikeNumpy() {
        Tensor x = Tensor.ofFloats(shape(1, 2, 2, 3), 0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11);
        Tensor c = Tensor.ofFloats(shape(2, 1, 1), 100, 200);
        Tensor y = run("Add", 14, new Tensor[] {x, c});
        assertArrayEquals(new long[] {1, 2, 2, 3}, y.shape());
        assertArrayEquals(new float[] {100, 101, 102, 103, 104, 105, 206, 207, 208, 209, 210, 211}, y.toFloatArray());
        Tensor z = run("Sub", 14, new Tensor[] {c, x});
        assertEquals(100f, z.getFloat(0));
        assertEquals(189f, z.getFloat(11));
    }

    @Test
    void integerDivisionTruncatesAndUnsignedWraps() {
        Tensor q = run("Div", 14, new Tensor[] {longs(DataType.INT32, shape(3), -7, 7, 9), longs(DataType.INT32, shape(3), 2, -2, 3)});
        assertArrayEquals(new long[] {-3, -3, 3}, q.toLongArray());
        Tensor s = run("Add", 14, new Tensor[] {longs(DataType.UINT8, shape(2), 250, 3), longs(DataType.UINT8, shape(2), 10, 0)});
        assertArrayEquals(new long[] {4, 3}, s.toLongArray());
        Tensor d = run("Sub", 14, new Tensor[] {longs(DataType.UINT8, shape(1), 3), longs(DataType.UINT8, shape(1), 5)});
        assertArrayEquals(new long[] {254}, d.toLongArray());
        Tensor big = run("Div", 14, new Tensor[] {longs(DataType.UINT64, shape(1), -2L), longs(DataType.UINT64, shape(1), 2)});
        assertEquals(Long.MAX_VALUE, big.getLong(0));
    }

    @Test
    void powKeepsTheBaseType() {
        Tensor y = run("Pow", 15, new Tensor[] {longs(DataType.INT64, shape(3), 1, 2, 3), doubles(DataType.FLOAT, shape(3), 1, 2, 3)});
        assertEquals(DataType.INT64, y.dataType());
        assertArrayEquals(new long[] {1, 4, 27}, y.toLongArray());
        Tensor f = run("Pow", 15, new Tensor[] {Tensor.ofFloats(shape(2), 2, 3), longs(DataType.INT32, shape(1), 2)});
        assertEquals(DataType.FLOAT, f.dataType());
        assertArrayEquals(new float[] {4, 9}, f.toFloatArray());
    }

    @Test
    void mismatchedTypesAreRejected() {
        Tensor[] in = {Tensor.ofFloats(shape(2), 1, 2), longs(DataType.INT32, shape(2), 1, 2)};
        assertThrows(ShapeMismatchException.class, () -> run("Mul", 14, in));
        Tensor[] bad = {Tensor.ofFloats(shape(2), 1, 2), Tensor.ofFloats(shape(3), 1, 2, 3)};
        assertThrows(ShapeMismatchException.class, () -> run("Add", 14, bad));
    }

    @Test
    void variadicOpsFoldWithBroadcasting() {
        Tensor a = Tensor.ofFloats(shape(2, 1), 1, 2);
        Tensor b = Tensor.ofFloats(shape(3), 10, 20, 30);
        Tensor c = Tensor.ofFloats(shape(), 100);
        assertArrayEquals(new float[] {111, 121, 131, 112, 122, 132}, run("Sum", 13, new Tensor[] {a, b, c}).toFloatArray());
        assertArrayEquals(new float[] {37, 40.333332f, 43.666668f, 37.333332f, 40.666668f, 44},
                run("Mean", 13, new Tensor[] {a, b, c}).toFloatArray(), 1e-5f);
        Tensor m = run("Max", 13, new Tensor[] {longs(DataType.UINT64, shape(2), -1L, 5), longs(DataType.UINT64, shape(2), 3, 7)});
        assertArrayEquals(new long[] {-1L, 7}, m.toLongArray());
        Tensor n = run("Min", 13, new Tensor[] {longs(DataType.INT8, shape(2), -128, 5), longs(DataType.INT8, shape(2), 3, 7)});
        assertArrayEquals(new long[] {-128, 5}, n.toLongArray());
        Tensor one = run("Max", 13, new Tensor[] {a});
        assertNotSame(a, one);
        assertArrayEquals(a.toFloatArray(), one.toFloatArray());
    }

    @Test
    void unaryOpsOnFloatAndIntegerTypes() {
        Tensor x = Tensor.ofFloats(shape(5), -2, -0.5f, 0, 0.5f, 2);
        assertArrayEquals(new float[] {2, 0.5f, 0, 0.5f, 2}, run("Abs", 13, new Tensor[] {x}).toFloatArray());
        assertArrayEquals(new float[] {-0.2f, -0.05f, 0, 0.5f, 2},
                run("LeakyRelu", 16, new Tensor[] {x}, Attribute.ofFloat("alpha", 0.1f)).toFloatArray(), 1e-7f);
        Tensor neg = run("Neg", 13, new Tensor[] {longs(DataType.INT8, shape(3), -128, 5, -3)});
        assertArrayEquals(new long[] {-128, -5, 3}, neg.toLongArray());
        Tensor abs = run("Abs", 13, new Tensor[] {longs(DataType.INT16, shape(2), -300, 4)});
        assertArrayEquals(new long[] {300, 4}, abs.toLongArray());
        Tensor sq = run("Sqrt", 13, new Tensor[] {doubles(DataType.DOUBLE, shape(2), 4, 2)});
        assertEquals(Math.sqrt(2), sq.getDouble(1), 0);
        assertThrows(ShapeMismatchException.class, () -> run("Exp", 13, new Tensor[] {longs(DataType.INT32, shape(1), 1)}));
    }

    @Test
    void clipBoundsFollowTheOpsetVersion() {
        Tensor x = Tensor.ofFloats(shape(4), -3, -1, 1, 3);
        Tensor v6 = run("Clip", 10, new Tensor[] {x}, Attribute.ofFloat("min", -2), Attribute.ofFloat("max", 2));
        assertArrayEquals(new float[] {-2, -1, 1, 2}, v6.toFloatArray());
        Tensor v11 = run("Clip", 11, new Tensor[] {x, null, Tensor.scalarFloat(0)});
        assertArrayEquals(new float[] {-3, -1, 0, 0}, v11.toFloatArray());
        Tensor v11None = run("Clip", 11, new Tensor[] {x});
        assertArrayEquals(x.toFloatArray(), v11None.toFloatArray());
        Tensor i8 = longs(DataType.INT8, shape(4), -128, -1, 1, 127);
        Tensor lo = longs(DataType.INT8, shape(), -5);
        Tensor v12 = run("Clip", 12, new Tensor[] {i8, lo});
        assertArrayEquals(new long[] {-5, -1, 1, 127}, v12.toLongArray());
    }
}
