package dev.irbis.engine.ops.math;

import static dev.irbis.engine.ops.math.MathOpHarness.longs;
import static dev.irbis.engine.ops.math.MathOpHarness.run;
import static dev.irbis.engine.ops.math.MathOpHarness.shape;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import org.junit.jupiter.api.Test;

class ReduceAndMatrixOpsTest {
    private static final Tensor X = Tensor.ofFloats(shape(2, 3), 1, 2, 3, 4, 5, 6);

    @Test
    void reduceAxesMoveFromAttributeToInput() {
        Tensor attr = run("ReduceMean", 13, new Tensor[] {X}, Attribute.ofInts("axes", 1), Attribute.ofInt("keepdims", 0));
        assertArrayEquals(new long[] {2}, attr.shape());
        assertArrayEquals(new float[] {2, 5}, attr.toFloatArray());
        Tensor input = run("ReduceMean", 18, new Tensor[] {X, Tensor.ofLongs(shape(1), -2)});
        assertArrayEquals(new long[] {1, 3}, input.shape());
        assertArrayEquals(new float[] {2.5f, 3.5f, 4.5f}, input.toFloatArray());
        Tensor all = run("ReduceSum", 13, new Tensor[] {X});
        assertArrayEquals(new long[] {1, 1}, all.shape());
        assertEquals(21f, all.getFloat(0));
        Tensor noop = run("ReduceSum", 13, new Tensor[] {X, Tensor.ofLongs(shape(0))}, Attribute.ofInt("noop_with_empty_axes", 1));
        assertArrayEquals(X.toFloatArray(), noop.toFloatArray());
        Tensor ints = run("ReduceSum", 11, new Tensor[] {longs(DataType.INT64, shape(2, 2), 1, 2, 3, 4)}, Attribute.ofInts("axes", 0));
        assertArrayEquals(new long[] {4, 6}, ints.toLongArray());
    }

    @Test
    void gemmAppliesTransposesScalesAndBroadcastBias() {
        // op(A) = A^T is 3x2, op(B) = B^T is 2x2, C is a row vector of N = 2.
        Tensor a = Tensor.ofFloats(shape(2, 3), 1, 2, 3, 4, 5, 6);
        Tensor b = Tensor.ofFloats(shape(2, 2), 1, 0, 1, 1);
        Tensor c = Tensor.ofFloats(shape(2), 10, 20);
        Tensor y = run("Gemm", 13, new Tensor[] {a, b, c}, Attribute.ofInt("transA", 1), Attribute.ofInt("transB", 1),
                Attribute.ofFloat("alpha", 2), Attribute.ofFloat("beta", 0.5f));
        assertArrayEquals(new long[] {3, 2}, y.shape());
        // A^T rows: [1,4], [2,5], [3,6]; B^T = [[1,1],[0,1]]: rows -> [1, 5], [2, 7], [3, 9].
        assertArrayEquals(new float[] {2 + 5, 10 + 10, 4 + 5, 14 + 10, 6 + 5, 18 + 10}, y.toFloatArray());
        Tensor noBias = run("Gemm", 13, new Tensor[] {a, Tensor.ofFloats(shape(3, 1), 1, 1, 1)});
        assertArrayEquals(new float[] {6, 15}, noBias.toFloatArray());
        assertThrows(ShapeMismatchException.class, () -> run("Gemm", 13, new Tensor[] {a, a}));
    }

    @Test
    void matmulPromotesVectorsAndBroadcastsBatches() {
        Tensor v = Tensor.ofFloats(shape(2), 1, 2);
        Tensor batch = Tensor.ofFloats(shape(2, 2, 3), 1, 2, 3, 4, 5, 6, 0, 1, 0, 1, 0, 1);
        Tensor y = run("MatMul", 13, new Tensor[] {v, batch});
        assertArrayEquals(new long[] {2, 3}, y.shape());
        assertArrayEquals(new float[] {9, 12, 15, 2, 1, 2}, y.toFloatArray());
        Tensor m = Tensor.ofFloats(shape(1, 2, 2), 1, 0, 0, 2);
        Tensor z = run("MatMul", 13, new Tensor[] {m, batch});
        assertArrayEquals(new long[] {2, 2, 3}, z.shape());
        assertArrayEquals(new float[] {1, 2, 3, 8, 10, 12, 0, 1, 0, 2, 0, 2}, z.toFloatArray());
        Tensor dot = run("MatMul", 13, new Tensor[] {v, v});
        assertArrayEquals(new long[0], dot.shape());
        assertEquals(5f, dot.getFloat(0));
    }

    @Test
    void softmaxAxisSemanticsChangeAtOpset13() {
        Tensor x = Tensor.ofFloats(shape(2, 2, 2), 0, 0, 0, 0, 1, 1, 1, 1);
        // Opset 11: flattened [2, 4] blocks, each uniform.
        assertArrayEquals(new float[] {.25f, .25f, .25f, .25f, .25f, .25f, .25f, .25f},
                run("Softmax", 11, new Tensor[] {x}).toFloatArray(), 1e-6f);
        // Opset 13 with axis 1: pairs along the middle axis, also uniform; axis 0 too; log form.
        Tensor y = Tensor.ofFloats(shape(1, 3), 1000, 1001, 1002);
        float[] s = run("Softmax", 13, new Tensor[] {y}).toFloatArray();
        assertEquals(0.66524096f, s[2], 1e-6f);
        float[] ls = run("LogSoftmax", 13, new Tensor[] {y}).toFloatArray();
        assertEquals(-2.407606f, ls[0], 1e-5f);
    }

    @Test
    void argMaxHonoursKeepdimsAndSelectLastIndex() {
        Tensor x = Tensor.ofFloats(shape(2, 3), 5, 1, 5, 0, 2, 2);
        Tensor first = run("ArgMax", 13, new Tensor[] {x}, Attribute.ofInt("axis", 1));
        assertEquals(DataType.INT64, first.dataType());
        assertArrayEquals(new long[] {2, 1}, first.shape());
        assertArrayEquals(new long[] {0, 1}, first.toLongArray());
        Tensor last = run("ArgMax", 13, new Tensor[] {x}, Attribute.ofInt("axis", -1), Attribute.ofInt("keepdims", 0),
                Attribute.ofInt("select_last_index", 1));
        assertArrayEquals(new long[] {2}, last.shape());
        assertArrayEquals(new long[] {2, 2}, last.toLongArray());
    }
}
