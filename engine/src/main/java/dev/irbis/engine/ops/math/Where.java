package dev.irbis.engine.ops.math;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.elementwise.StridedRows;
import java.lang.foreign.MemorySegment;

/** ONNX Where (opsets 9, 16): {@code condition ? X : Y} elementwise, all three numpy-broadcast; any element type. */
public final class Where implements Operator {
    public Where(Node node) {
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor cond = in[0];
        Tensor x = in[1];
        Tensor y = in[2];
        if (cond.dataType() != DataType.BOOL) {
            throw new ShapeMismatchException("Where's condition must be BOOL, got " + cond.dataType());
        }
        if (x.dataType() != y.dataType()) {
            throw new ShapeMismatchException("Where needs X and Y of one type, got " + x.dataType() + " and " + y.dataType());
        }
        long[] shape = Shape.broadcast(Shape.broadcast(cond.shape(), x.shape()), y.shape());
        Tensor out = ctx.allocate(x.dataType(), shape);
        int bytes = x.dataType().byteSize();
        StridedRows rows = StridedRows.plan(shape, Shape.strides(shape), Shape.broadcastStrides(cond.shape(), shape),
                Shape.broadcastStrides(x.shape(), shape), Shape.broadcastStrides(y.shape(), shape));
        long[] s = {rows.innerStride(0), rows.innerStride(1), rows.innerStride(2), rows.innerStride(3)};
        MemorySegment cs = cond.data();
        rows.forEach((off, n) -> {
            for (long i = 0; i < n; i++) {
                boolean pick = cs.get(java.lang.foreign.ValueLayout.JAVA_BYTE, off[1] + i * s[1]) != 0;
                MemorySegment src = pick ? x.data() : y.data();
                long at = pick ? off[2] + i * s[2] : off[3] + i * s[3];
                MemorySegment.copy(src, at * bytes, out.data(), (off[0] + i * s[0]) * bytes, bytes);
            }
        });
        return new Tensor[] {out};
    }
}
