package dev.irbis.engine.ops.tensor;

import static dev.irbis.engine.ops.tensor.TensorOpTesting.op;
import static dev.irbis.engine.ops.tensor.TensorOpTesting.run1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.irbis.engine.UnsupportedOperatorException;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

class CastTest {
    private static Tensor cast(Tensor x, DataType to) {
        return run1(op("Cast", 13, 1, 1, Attribute.ofInt("to", to.onnxCode())), x);
    }

    @Test
    void floatToIntegersTruncatesAndWrapsLikeC() {
        Tensor x = Tensor.ofFloats(new long[] {5}, -1.7f, 2.9f, 300f, Float.NaN, -129f);
        assertArrayEquals(new long[] {-1, 2, 300, 0, -129}, cast(x, DataType.INT64).toLongArray());
        assertArrayEquals(new long[] {-1, 2, 44, 0, 127}, cast(x, DataType.INT8).toLongArray());
        assertArrayEquals(new long[] {255, 2, 44, 0, 127}, cast(x, DataType.UINT8).toLongArray());
        assertArrayEquals(new long[] {1, 1, 1, 1, 1}, cast(x, DataType.BOOL).toLongArray());
    }

    @Test
    void everyPairRoundTripsSmallIntegers() {
        for (DataType from : DataType.values()) {
            Tensor x = Tensor.allocateCollected(from, 3);
            x.setLong(0, 0);
            x.setLong(1, 1);
            x.setLong(2, from == DataType.BOOL ? 1 : 100);
            for (DataType to : DataType.values()) {
                Tensor y = cast(x, to);
                assertEquals(to, y.dataType());
                long big = to == DataType.BOOL ? 1 : x.getLong(2);
                assertArrayEquals(new long[] {0, 1, big}, y.toLongArray(), from + " -> " + to);
            }
        }
    }

    @Test
    void int64AndUint64ToFloatRoundOnce() {
        Tensor x = Tensor.ofLongs(new long[] {2}, (1L << 53) + 1, -1L);
        Tensor f = cast(x, DataType.DOUBLE);
        assertEquals((double) ((1L << 53) + 1), f.getDouble(0));
        Tensor u = Tensor.allocateCollected(DataType.UINT64, 1);
        u.setLong(0, -1L);
        assertEquals(1.8446744073709552E19, cast(u, DataType.DOUBLE).getDouble(0));
    }

    @Test
    void doubleToFloat16RoundsCorrectly() {
        // Just above a float16 tie: double to float lands on the tie and float to half would round down.
        double v = 1 + Math.scalb(1.0, -11) + Math.scalb(1.0, -40);
        Tensor x = Tensor.allocateCollected(DataType.DOUBLE, 1);
        x.setDouble(0, v);
        Tensor h = cast(x, DataType.FLOAT16);
        assertEquals((short) 0x3C01, h.data().get(java.lang.foreign.ValueLayout.JAVA_SHORT, 0));
        assertEquals((short) 0x3C00, HalfRounding.fromDouble(1 + Math.scalb(1.0, -11)));
        assertEquals(Float.floatToFloat16(Float.POSITIVE_INFINITY), HalfRounding.fromDouble(1e300));
        assertEquals(Float.floatToFloat16(-0.1f), HalfRounding.fromDouble(-0.1));
    }

    @Test
    void unsupportedTargetIsRejectedAtLoad() {
        var e = assertThrows(UnsupportedOperatorException.class, () -> op("Cast", 13, 1, 1, Attribute.ofInt("to", 16)));
        assertEquals(true, e.getMessage().contains("BFLOAT16"), e.getMessage());
    }
}
