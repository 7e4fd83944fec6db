package dev.irbis.engine.ops.math;

import static dev.irbis.engine.ops.math.MathOpHarness.longs;
import static dev.irbis.engine.ops.math.MathOpHarness.run;
import static dev.irbis.engine.ops.math.MathOpHarness.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

class LogicOpsTest {
    @Test
    void comparisonsBroadcastToBool() {
        Tensor a = Tensor.ofFloats(shape(2, 1), 1, 3);
        Tensor b = Tensor.ofFloats(shape(3), 1, 2, Float.NaN);
        Tensor less = run("Less", 13, new Tensor[] {a, b});
        assertEquals(DataType.BOOL, less.dataType());
        assertArrayEquals(new long[] {0, 1, 0, 0, 0, 0}, less.toLongArray());
        assertArrayEquals(new long[] {1, 0, 0, 0, 0, 0}, run("Equal", 13, new Tensor[] {a, b}).toLongArray());
        assertArrayEquals(new long[] {0, 0, 0, 1, 1, 0}, run("Greater", 13, new Tensor[] {a, b}).toLongArray());
        Tensor u = run("Less", 13, new Tensor[] {longs(DataType.UINT64, shape(1), 5), longs(DataType.UINT64, shape(1), -1L)});
        assertArrayEquals(new long[] {1}, u.toLongArray());
    }

    @Test
    void whereNotAndReduceMax() {
        Tensor cond = longs(DataType.BOOL, shape(2, 1), 1, 0);
        Tensor x = longs(DataType.INT32, shape(2), 1, 2);
        Tensor y = longs(DataType.INT32, shape(), 9);
        Tensor w = run("Where", 16, new Tensor[] {cond, x, y});
        assertArrayEquals(new long[] {2, 2}, w.shape());
        assertArrayEquals(new long[] {1, 2, 9, 9}, w.toLongArray());
        assertArrayEquals(new long[] {0, 1}, run("Not", 13, new Tensor[] {cond}).toLongArray());
        Tensor m = run("ReduceMax", 13, new Tensor[] {Tensor.ofFloats(shape(2, 3), 1, 7, 3, -4, -5, -6)},
                Attribute.ofInts("axes", 1), Attribute.ofInt("keepdims", 0));
        assertArrayEquals(new float[] {7, -4}, m.toFloatArray());
        Tensor f = run("Floor", 13, new Tensor[] {Tensor.ofFloats(shape(2), -1.5f, 1.5f)});
        assertArrayEquals(new float[] {-2, 1}, f.toFloatArray());
    }
}
