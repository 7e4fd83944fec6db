package dev.irbis.engine.ops.math;

import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.elementwise.FloatBinary;
import dev.irbis.kernels.elementwise.StridedRows;
import java.lang.foreign.MemorySegment;

/**
 * Evaluates {@code op(a, b)} with numpy multidirectional broadcasting into a new tensor of type
 * {@code outType}. Float32 operands take the vector kernel row by row (a same-shape pair is one
 * row; a per-channel {@code [C,1,1]} operand is a scalar per row); every other type combination goes
 * through the generic element accessors.
 */
final class BroadcastArithmetic {
    private BroadcastArithmetic() {
    }

    static Tensor apply(ArithmeticOp op, Tensor a, Tensor b, DataType outType, ExecContext ctx) {
        long[] shape = Shape.broadcast(a.shape(), b.shape());
        Tensor y = ctx.allocateUninitialized(outType, shape);
        StridedRows rows = StridedRows.plan(shape, Shape.strides(shape), Shape.broadcastStrides(a.shape(), shape),
                Shape.broadcastStrides(b.shape(), shape));
        if (a.dataType() == DataType.FLOAT && b.dataType() == DataType.FLOAT && outType == DataType.FLOAT) {
            floatRows(op, rows, a.data(), b.data(), y.data());
        } else {
            genericRows(op, rows, a, b, y);
        }
        return y;
    }

    private static void floatRows(ArithmeticOp op, StridedRows rows, MemorySegment a, MemorySegment b, MemorySegment y) {
        long sa = rows.innerStride(1);
        long sb = rows.innerStride(2);
        rows.forEach((off, n) -> FloatBinary.row(op.kernel, a, off[1], sa, b, off[2], sb, y, off[0], n));
    }

    private static void genericRows(ArithmeticOp op, StridedRows rows, Tensor a, Tensor b, Tensor y) {
        long sy = rows.innerStride(0);
        long sa = rows.innerStride(1);
        long sb = rows.innerStride(2);
        DataType out = y.dataType();
        // Pow with a floating exponent on an integer base computes in double and truncates, as C does.
        boolean viaDouble = out.isFloatingPoint() || a.dataType().isFloatingPoint() || b.dataType().isFloatingPoint();
        boolean unsigned64 = a.dataType() == DataType.UINT64 && b.dataType() == DataType.UINT64;
        rows.forEach((off, n) -> {
            for (long i = 0; i < n; i++) {
                long ia = off[1] + i * sa;
                long ib = off[2] + i * sb;
                long iy = off[0] + i * sy;
                if (viaDouble) {
                    y.setDouble(iy, op.applyDouble(a.getDouble(ia), b.getDouble(ib)));
                } else {
                    y.setLong(iy, op.applyLong(a.getLong(ia), b.getLong(ib), unsigned64));
                }
            }
        });
    }
}
