package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;

/**
 * ONNX Shape (opsets 1, 13, 15, 19, 21): the input's dims as a 1-D INT64 tensor. From opset 15 the
 * optional 'start' and 'end' attributes pick a range of dims (negative counts from the back,
 * out-of-range values are clamped, start past end gives an empty result).
 */
public final class ShapeOf implements Operator {
    private final long start;
    private final Long end;

    public ShapeOf(Node node) {
        if (node.opset() >= 15) {
            start = node.attributes().getLong("start", 0);
            end = node.attributes().has("end") ? node.attributes().requireLong("end") : null;
        } else {
            start = 0;
            end = null;
        }
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        long[] dims = in[0].shape();
        int r = dims.length;
        int s = clamp(start, r);
        int e = end == null ? r : clamp(end, r);
        int n = Math.max(0, e - s);
        Tensor y = ctx.allocate(DataType.INT64, n);
        for (int i = 0; i < n; i++) {
            y.setLong(i, dims[s + i]);
        }
        return new Tensor[] {y};
    }

    private static int clamp(long v, int rank) {
        long a = v < 0 ? v + rank : v;
        return (int) Math.max(0, Math.min(rank, a));
    }
}
