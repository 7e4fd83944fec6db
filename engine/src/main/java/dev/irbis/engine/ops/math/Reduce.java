package dev.irbis.engine.ops.math;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.ops.OperatorFactory;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.elementwise.StridedRows;
import dev.irbis.kernels.reduce.FloatReduce;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * ONNX ReduceSum, ReduceMean, ReduceMax, ReduceMin. The axes are an INTS attribute until the opset
 * where they became an optional int64 input (13 for ReduceSum, 18 for the others); from then on
 * {@code noop_with_empty_axes} decides whether empty axes mean "all axes" (0, default) or "copy the
 * input" (1). {@code keepdims} (default 1) keeps reduced axes as size 1. Float32 runs the vector
 * kernel; other types accumulate in double (floating) or long (integer, mean truncates).
 */
public final class Reduce implements Operator {
    private final FloatReduce.Kind kind;
    private final String opType;
    private final boolean axesFromInput;
    private final long[] attrAxes;
    private final boolean keepDims;
    private final boolean noopWithEmptyAxes;

    private Reduce(Node node, FloatReduce.Kind kind, int axesInputSince) {
        this.kind = kind;
        this.opType = node.opType();
        this.axesFromInput = node.opset() >= axesInputSince;
        this.attrAxes = axesFromInput ? null : node.attributes().getLongs("axes", null);
        this.keepDims = node.attributes().getLong("keepdims", 1) != 0;
        this.noopWithEmptyAxes = axesFromInput && node.attributes().getLong("noop_with_empty_axes", 0) != 0;
    }

    static OperatorFactory factory(FloatReduce.Kind kind, int axesInputSince) {
        return node -> new Reduce(node, kind, axesInputSince);
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        long[] dims = x.shape();
        long[] axes = attrAxes;
        if (axesFromInput && in.length > 1 && in[1] != null) {
            if (in[1].dataType() != DataType.INT64 || in[1].rank() > 1) {
                throw new ShapeMismatchException(opType + "'s axes input must be a 1-D int64 tensor, got " + in[1]);
            }
            axes = in[1].toLongArray();
        }
        boolean[] reduced = new boolean[dims.length];
        if (axes == null || axes.length == 0) {
            if (noopWithEmptyAxes) {
                Tensor y = ctx.allocate(x.dataType(), dims);
                MemorySegment.copy(x.data(), 0, y.data(), 0, x.data().byteSize());
                return new Tensor[] {y};
            }
            Arrays.fill(reduced, true);
        } else {
            for (long a : axes) {
                reduced[Shape.axis(a, dims.length, opType)] = true;
            }
        }
        Tensor y = ctx.allocate(x.dataType(), outputShape(dims, reduced));
        if (x.dataType() == DataType.FLOAT) {
            FloatReduce.reduce(kind, x.data(), dims, reduced, y.data());
        } else if (x.dataType() == DataType.BOOL) {
            y.close();
            throw new ShapeMismatchException(opType + " does not accept BOOL input");
        } else {
            generic(x, dims, reduced, y);
        }
        return new Tensor[] {y};
    }

    private long[] outputShape(long[] dims, boolean[] reduced) {
        long[] out = new long[dims.length];
        int r = 0;
        for (int d = 0; d < dims.length; d++) {
            if (!reduced[d]) {
                out[r++] = dims[d];
            } else if (keepDims) {
                out[r++] = 1;
            }
        }
        return Arrays.copyOf(out, r);
    }

    private void generic(Tensor x, long[] dims, boolean[] reduced, Tensor y) {
        long[] yDims = dims.clone();
        long count = 1;
        for (int d = 0; d < dims.length; d++) {
            if (reduced[d]) {
                yDims[d] = 1;
                count *= dims[d];
            }
        }
        long[] yStrides = Shape.strides(yDims);
        for (int d = 0; d < dims.length; d++) {
            if (reduced[d]) {
                yStrides[d] = 0;
            }
        }
        int ySize = Math.toIntExact(y.size());
        StridedRows rows = StridedRows.plan(dims, Shape.strides(dims), yStrides);
        long sy = rows.innerStride(1);
        if (x.dataType().isFloatingPoint()) {
            double[] acc = new double[ySize];
            Arrays.fill(acc, kind == FloatReduce.Kind.MAX ? Double.NEGATIVE_INFINITY
                    : kind == FloatReduce.Kind.MIN ? Double.POSITIVE_INFINITY : 0);
            rows.forEach((off, n) -> {
                for (long i = 0; i < n; i++) {
                    int o = (int) (off[1] + i * sy);
                    double v = x.getDouble(off[0] + i);
                    acc[o] = switch (kind) {
                        case SUM, MEAN -> acc[o] + v;
                        case MAX -> Math.max(acc[o], v);
                        case MIN -> Math.min(acc[o], v);
                    };
                }
            });
            for (int i = 0; i < ySize; i++) {
                y.setDouble(i, kind == FloatReduce.Kind.MEAN ? acc[i] / count : acc[i]);
            }
        } else {
            long[] acc = new long[ySize];
            Arrays.fill(acc, kind == FloatReduce.Kind.MAX ? Long.MIN_VALUE : kind == FloatReduce.Kind.MIN ? Long.MAX_VALUE : 0);
            rows.forEach((off, n) -> {
                for (long i = 0; i < n; i++) {
                    int o = (int) (off[1] + i * sy);
                    long v = x.getLong(off[0] + i);
                    acc[o] = switch (kind) {
                        case SUM, MEAN -> acc[o] + v;
                        case MAX -> Math.max(acc[o], v);
                        case MIN -> Math.min(acc[o], v);
                    };
                }
            });
            for (int i = 0; i < ySize; i++) {
                y.setLong(i, kind == FloatReduce.Kind.MEAN && count > 0 ? acc[i] / count : acc[i]);
            }
        }
    }
}
