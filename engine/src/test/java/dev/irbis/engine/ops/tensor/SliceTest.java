package dev.irbis.engine.ops.tensor;

import static dev.irbis.engine.ops.tensor.TensorOpTesting.iota;
import static dev.irbis.engine.ops.tensor.TensorOpTesting.longs;
import static dev.irbis.engine.ops.tensor.TensorOpTesting.op;
import static dev.irbis.engine.ops.tensor.TensorOpTesting.run1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class SliceTest {
    @Test
    void negativeStepsWithClampedStartsAndEnds() {
        // numpy: arange(60).reshape(3,4,5)[::-1, 3:0:-2, -1:-100:-3]
        Tensor y = run1(op("Slice", 13, 5, 1), iota(3, 4, 5), longs(Long.MAX_VALUE, 3, -1), longs(Long.MIN_VALUE, 0, -100),
                longs(0, 1, 2), longs(-1, -2, -3));
        assertArrayEquals(new long[] {3, 2, 2}, y.shape());
        assertArrayEquals(new float[] {59, 56, 49, 46, 39, 36, 29, 26, 19, 16, 9, 6}, y.toFloatArray());
    }

    @Test
    void opset1TakesAttributesAndDefaultsAxes() {
        Operator s = op("Slice", 9, 1, 1, Attribute.ofInts("starts", 1, -3), Attribute.ofInts("ends", 1000, -1));
        Tensor y = run1(s, iota(2, 5));
        assertArrayEquals(new long[] {1, 2}, y.shape());
        assertArrayEquals(new float[] {7, 8}, y.toFloatArray());
    }

    @Test
    void emptyWhenStartIsPastEnd() {
        Tensor y = run1(op("Slice", 13, 3, 1), iota(4, 3), longs(3), longs(1));
        assertArrayEquals(new long[] {0, 3}, y.shape());
        Tensor backOverEmpty = run1(op("Slice", 13, 5, 1), iota(0, 3), longs(-1), longs(Long.MIN_VALUE), longs(0), longs(-1));
        assertArrayEquals(new long[] {0, 3}, backOverEmpty.shape());
    }

    @Test
    void zeroStepAndRepeatedAxisAreRejected() {
        Operator s = op("Slice", 13, 5, 1);
        assertThrows(ShapeMismatchException.class, () -> s.run(new Tensor[] {iota(4), longs(0), longs(2), longs(0), longs(0)},
                TensorOpTesting.CTX));
        assertThrows(ShapeMismatchException.class, () -> s.run(new Tensor[] {iota(4, 4), longs(0, 0), longs(2, 2),
                longs(1, -1), null}, TensorOpTesting.CTX));
    }

    @Test
    void randomSlicesMatchPythonSemanticsForEveryElementWidth() {
        Random rnd = new Random(42);
        Operator s = op("Slice", 13, 5, 1);
        DataType[] types = {DataType.FLOAT, DataType.UINT8, DataType.FLOAT16, DataType.INT64, DataType.BOOL, DataType.DOUBLE};
        for (int iter = 0; iter < 300; iter++) {
            long[] dims = {1 + rnd.nextInt(5), 1 + rnd.nextInt(6), 1 + rnd.nextInt(7)};
            DataType type = types[iter % types.length];
            Tensor x = TensorOpTesting.iota(type, dims);
            long[] st = new long[3];
            long[] en = new long[3];
            long[] sp = new long[3];
            for (int k = 0; k < 3; k++) {
                st[k] = rnd.nextInt(20) - 10;
                en[k] = rnd.nextInt(20) - 10;
                do {
                    sp[k] = rnd.nextInt(7) - 3;
                } while (sp[k] == 0);
            }
            Tensor y = run1(s, x, longs(st), longs(en), longs(0, 1, 2), longs(sp));
            List<List<Long>> idx = new ArrayList<>();
            for (int k = 0; k < 3; k++) {
                idx.add(pythonRange(dims[k], st[k], en[k], sp[k]));
            }
            long[] expShape = {idx.get(0).size(), idx.get(1).size(), idx.get(2).size()};
            assertArrayEquals(expShape, y.shape(), "case " + iter);
            List<Long> expected = new ArrayList<>();
            for (long i : idx.get(0)) {
                for (long j : idx.get(1)) {
                    for (long k : idx.get(2)) {
                        expected.add(x.getLong((i * dims[1] + j) * dims[2] + k));
                    }
                }
            }
            assertArrayEquals(expected.stream().mapToLong(Long::longValue).toArray(), y.toLongArray(), "case " + iter);
        }
    }

    /**
     * Python's slice(start, stop, step).indices(n), iterated, except that a start before the
     * beginning is clamped to 0 also when stepping backwards: the ONNX spec (and ONNX Runtime) say
     * so, where Python would give an empty range.
     */
    private static List<Long> pythonRange(long n, long start, long stop, long step) {
        long lower = step > 0 ? 0 : -1;
        long upper = step > 0 ? n : n - 1;
        start = start < 0 ? Math.max(start + n, 0) : Math.min(start, upper);
        stop = stop < 0 ? Math.max(stop + n, lower) : Math.min(stop, upper);
        List<Long> out = new ArrayList<>();
        for (long i = start; step > 0 ? i < stop : i > stop; i += step) {
            out.add(i);
        }
        return out;
    }
}
