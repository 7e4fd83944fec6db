package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * ONNX Gather (opsets 1, 11, 13): picks entries of {@code data} along {@code axis} by int32 or int64
 * indices (negative ones count from the end). Output shape: data[:axis] + indices.shape + data[axis+1:];
 * each picked slice is one bulk copy.
 */
public final class Gather implements Operator {
    private final long axis;

    public Gather(Node node) {
        axis = node.attributes().getLong("axis", 0);
        if (axis < 0 && node.opset() < 11) {
            throw new ModelFormatException("Gather axis " + axis + " is negative, which opset " + node.opset()
                    + " does not allow (negative axes arrived in opset 11)");
        }
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor data = in[0];
        Tensor indices = in[1];
        if (indices.dataType() != DataType.INT64 && indices.dataType() != DataType.INT32) {
            throw new ShapeMismatchException("Gather indices must be int32 or int64, got " + indices.dataType());
        }
        if (data.rank() == 0) {
            throw new ShapeMismatchException("Gather data must have rank 1 or more, got a scalar");
        }
        int a = Shape.axis(axis, data.rank(), "Gather");
        long[] ds = data.shape();
        long[] is = indices.shape();
        long[] out = new long[ds.length - 1 + is.length];
        System.arraycopy(ds, 0, out, 0, a);
        System.arraycopy(is, 0, out, a, is.length);
        System.arraycopy(ds, a + 1, out, a + is.length, ds.length - a - 1);
        long dim = ds[a];
        long n = indices.size();
        long[] idx = new long[(int) n];
        for (int i = 0; i < n; i++) {
            long v = indices.getLong(i);
            long r = v < 0 ? v + dim : v;
            if (r < 0 || r >= dim) {
                throw new ShapeMismatchException("Gather index " + v + " is out of range for axis " + a + " of size " + dim
                        + " (data shape " + Shape.format(ds) + ")");
            }
            idx[i] = r;
        }
        Tensor y = ctx.allocate(data.dataType(), out);
        long outer = 1;
        for (int k = 0; k < a; k++) {
            outer *= ds[k];
        }
        long block = data.dataType().byteSize();
        for (int k = a + 1; k < ds.length; k++) {
            block *= ds[k];
        }
        if (block == 0 || n == 0) {
            return new Tensor[] {y};
        }
        MemorySegment src = data.data();
        MemorySegment dst = y.data();
        long pos = 0;
        for (long o = 0; o < outer; o++) {
            long rowBase = o * dim * block;
            for (int i = 0; i < n; i++) {
                MemorySegment.copy(src, rowBase + idx[i] * block, dst, pos, block);
                pos += block;
            }
        }
        return new Tensor[] {y};
    }
}
