package dev.irbis.engine.ops.math;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import java.util.Arrays;

/**
 * ONNX ArgMax (opsets 1, 11, 12, 13): int64 indices of the maxima along {@code axis} (default 0),
 * {@code keepdims} (default 1) keeps that axis as size 1; ties go to the first index unless
 * {@code select_last_index} (opset 12+) asks for the last. Any numeric input type.
 */
public final class ArgMax implements Operator {
    private final long axis;
    private final boolean keepDims;
    private final boolean selectLast;

    public ArgMax(Node node) {
        this.axis = node.attributes().getLong("axis", 0);
        this.keepDims = node.attributes().getLong("keepdims", 1) != 0;
        this.selectLast = node.opset() >= 12 && node.attributes().getLong("select_last_index", 0) != 0;
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        long[] dims = x.shape();
        if (dims.length == 0) {
            throw new ShapeMismatchException("ArgMax needs an input of rank >= 1, got a scalar");
        }
        int a = Shape.axis(axis, dims.length, "ArgMax");
        long n = dims[a];
        if (n == 0) {
            throw new ShapeMismatchException("ArgMax axis " + a + " of input " + Shape.format(dims) + " is empty");
        }
        long outer = 1;
        for (int d = 0; d < a; d++) {
            outer *= dims[d];
        }
        long inner = x.size() / outer / n;
        long[] outShape = keepDims ? dims.clone() : removeAxis(dims, a);
        if (keepDims) {
            outShape[a] = 1;
        }
        Tensor y = ctx.allocate(DataType.INT64, outShape);
        boolean floating = x.dataType().isFloatingPoint();
        boolean u64 = x.dataType() == DataType.UINT64;
        for (long o = 0; o < outer; o++) {
            for (long j = 0; j < inner; j++) {
                long base = o * n * inner + j;
                long best = 0;
                for (long k = 1; k < n; k++) {
                    int cmp = floating ? Double.compare(x.getDouble(base + k * inner), x.getDouble(base + best * inner))
                            : u64 ? Long.compareUnsigned(x.getLong(base + k * inner), x.getLong(base + best * inner))
                            : Long.compare(x.getLong(base + k * inner), x.getLong(base + best * inner));
                    if (cmp > 0 || (cmp == 0 && selectLast)) {
                        best = k;
                    }
                }
                y.setLong(o * inner + j, best);
            }
        }
        return new Tensor[] {y};
    }

    private static long[] removeAxis(long[] dims, int a) {
        long[] out = new long[dims.length - 1];
        System.arraycopy(dims, 0, out, 0, a);
        System.arraycopy(dims, a + 1, out, a, dims.length - a - 1);
        return Arrays.copyOf(out, out.length);
    }
}
