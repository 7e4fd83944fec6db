package dev.irbis.engine.ops.tensor;

import static dev.irbis.engine.ops.tensor.TensorOpTesting.op;
import static dev.irbis.engine.ops.tensor.TensorOpTesting.run1;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class TransposeTest {
    private static final long[] DIMS = {2, 3, 1, 5};

    @Test
    void everyPermutationOfRank4MatchesNaiveIndexingForEveryWidth() {
        DataType[] types = {DataType.FLOAT, DataType.INT8, DataType.FLOAT16, DataType.INT64, DataType.DOUBLE, DataType.UINT32};
        int count = 0;
        for (int[] p : permutations(4)) {
            DataType type = types[count++ % types.length];
            Tensor x = TensorOpTesting.iota(type, DIMS);
            Tensor y = run1(op("Transpose", 13, 1, 1, Attribute.ofInts("perm", p[0], p[1], p[2], p[3])), x);
            assertArrayEquals(Transpose.permute(DIMS, p), y.shape());
            assertArrayEquals(naive(x, p), y.toLongArray(), "perm " + java.util.Arrays.toString(p));
        }
        org.junit.jupiter.api.Assertions.assertEquals(24, count);
    }

    @Test
    void defaultReversesAxes() {
        Tensor x = TensorOpTesting.iota(2, 3, 4);
        Tensor y = run1(op("Transpose", 13, 1, 1), x);
        assertArrayEquals(new long[] {4, 3, 2}, y.shape());
        assertArrayEquals(naive(x, new int[] {2, 1, 0}), y.toLongArray());
    }

    @Test
    void activationLayoutKeepingLastAxisAndNchwToNhwc() {
        Tensor x = TensorOpTesting.iota(2, 16, 7, 9);
        int[] keepLast = {1, 0, 2, 3};
        assertArrayEquals(naive(x, keepLast), run1(op("Transpose", 13, 1, 1, Attribute.ofInts("perm", 1, 0, 2, 3)), x).toLongArray());
        int[] nhwc = {0, 2, 3, 1};
        assertArrayEquals(naive(x, nhwc), run1(op("Transpose", 13, 1, 1, Attribute.ofInts("perm", 0, 2, 3, 1)), x).toLongArray());
    }

    @Test
    void badPermutationsAreRejected() {
        assertThrows(ModelFormatException.class, () -> op("Transpose", 13, 1, 1, Attribute.ofInts("perm", 0, 0)));
        assertThrows(ShapeMismatchException.class,
                () -> run1(op("Transpose", 13, 1, 1, Attribute.ofInts("perm", 1, 0)), TensorOpTesting.iota(2, 3, 4)));
    }

    private static long[] naive(Tensor x, int[] p) {
        long[] in = x.shape();
        long[] out = Transpose.permute(in, p);
        long[] inStrides = Shape.strides(in);
        long n = x.size();
        long[] r = new long[(int) n];
        long[] idx = new long[out.length];
        for (int o = 0; o < n; o++) {
            long rem = o;
            for (int k = out.length - 1; k >= 0; k--) {
                idx[k] = rem % out[k];
                rem /= out[k];
            }
            long src = 0;
            for (int k = 0; k < out.length; k++) {
                src += idx[k] * inStrides[p[k]];
            }
            r[o] = x.getLong(src);
        }
        return r;
    }

    private static List<int[]> permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out;
    }

    private static void permute(int[] cur, boolean[] used, int pos, List<int[]> out) {
        if (pos == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int i = 0; i < cur.length; i++) {
            if (!used[i]) {
                used[i] = true;
                cur[pos] = i;
                permute(cur, used, pos + 1, out);
                used[i] = false;
            }
        }
    }
}
