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

/**
 * ONNX Equal, Less, Greater, LessOrEqual, GreaterOrEqual: numpy-broadcast comparison of two inputs
 * of one type, BOOL output. Floating types compare as doubles (NaN is unequal to everything),
 * integers as longs (uint64 unsigned).
 */
public final class Comparison implements Operator {
    /** Which orderings of (a, b) yield true. */
    enum Kind {
        EQUAL(false, true, false),
        LESS(true, false, false),
        GREATER(false, false, true),
        LESS_OR_EQUAL(true, true, false),
        GREATER_OR_EQUAL(false, true, true);

        private final boolean onLess;
        private final boolean onEqual;
        private final boolean onGreater;

        Kind(boolean onLess, boolean onEqual, boolean onGreater) {
            this.onLess = onLess;
            this.onEqual = onEqual;
            this.onGreater = onGreater;
        }

        boolean holds(int cmp) {
            return cmp < 0 ? onLess : cmp == 0 ? onEqual : onGreater;
        }
    }

    private final Kind kind;
    private final String opType;

    private Comparison(Node node, Kind kind) {
        this.kind = kind;
        this.opType = node.opType();
    }

    static OperatorFactory factory(Kind kind) {
        return node -> new Comparison(node, kind);
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor a = in[0];
        Tensor b = in[1];
        if (a.dataType() != b.dataType()) {
            throw new ShapeMismatchException(opType + " needs inputs of one type, got A " + a.dataType() + " and B "
                    + b.dataType());
        }
        long[] shape = Shape.broadcast(a.shape(), b.shape());
        Tensor y = ctx.allocate(DataType.BOOL, shape);
        StridedRows rows = StridedRows.plan(shape, Shape.strides(shape), Shape.broadcastStrides(a.shape(), shape),
                Shape.broadcastStrides(b.shape(), shape));
        boolean floating = a.dataType().isFloatingPoint();
        boolean u64 = a.dataType() == DataType.UINT64;
        long sy = rows.innerStride(0);
        long sa = rows.innerStride(1);
        long sb = rows.innerStride(2);
        rows.forEach((off, n) -> {
            for (long i = 0; i < n; i++) {
                long ia = off[1] + i * sa;
                long ib = off[2] + i * sb;
                boolean r;
                if (floating) {
                    double va = a.getDouble(ia);
                    double vb = b.getDouble(ib);
                    r = !Double.isNaN(va) && !Double.isNaN(vb) && kind.holds(Double.compare(va == 0 ? 0 : va, vb == 0 ? 0 : vb));
                } else {
                    long va = a.getLong(ia);
                    long vb = b.getLong(ib);
                    r = kind.holds(u64 ? Long.compareUnsigned(va, vb) : Long.compare(va, vb));
                }
                y.setLong(off[0] + i * sy, r ? 1 : 0);
            }
        });
        return new Tensor[] {y};
    }
}
