package dev.irbis.engine.ops.math;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.elementwise.StridedRows;
import java.util.Arrays;

/**
 * ONNX MatMul (opsets 9, 13), float32, with numpy semantics: a 1-D A is a row vector and a 1-D B a
 * column vector (the added dimension is removed from the result); leading batch dimensions
 * broadcast. Each batch is one {@code ctx.gemm()} call.
 */
public final class MatMul implements Operator {
    public MatMul(Node node) {
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor a = in[0];
        Tensor b = in[1];
        if (a.dataType() != DataType.FLOAT || b.dataType() != DataType.FLOAT) {
            throw new ShapeMismatchException("MatMul supports float32 inputs, got A " + a.dataType() + " and B "
                    + b.dataType());
        }
        if (a.rank() == 0 || b.rank() == 0) {
            throw new ShapeMismatchException("MatMul inputs must have rank >= 1, got A " + Shape.format(a.shape())
                    + " and B " + Shape.format(b.shape()));
        }
        long[] as = a.rank() == 1 ? new long[] {1, a.dim(0)} : a.shape();
        long[] bs = b.rank() == 1 ? new long[] {b.dim(0), 1} : b.shape();
        long m = as[as.length - 2];
        long k = as[as.length - 1];
        long n = bs[bs.length - 1];
        if (bs[bs.length - 2] != k) {
            throw new ShapeMismatchException("MatMul inner dimensions differ: A " + Shape.format(a.shape()) + ", B "
                    + Shape.format(b.shape()));
        }
        long[] aBatch = Arrays.copyOf(as, as.length - 2);
        long[] bBatch = Arrays.copyOf(bs, bs.length - 2);
        long[] batch = Shape.broadcast(aBatch, bBatch);
        long[] outShape = outputShape(batch, m, n, a.rank() == 1, b.rank() == 1);
        Tensor y = ctx.allocate(DataType.FLOAT, outShape);
        if (k == 0 || y.size() == 0) { // k == 0: the zero-filled output is the answer
            return new Tensor[] {y};
        }
        long[] aStrides = scaled(Shape.broadcastStrides(aBatch, batch), m * k);
        long[] bStrides = scaled(Shape.broadcastStrides(bBatch, batch), k * n);
        long[] yStrides = scaled(Shape.strides(batch), m * n);
        int mi = Math.toIntExact(m);
        int ni = Math.toIntExact(n);
        int ki = Math.toIntExact(k);
        // Each "row" of the batch walk is visited element by element: one GEMM per batch index.
        StridedRows rows = StridedRows.plan(batch, aStrides, bStrides, yStrides);
        long sa = rows.innerStride(0);
        long sb = rows.innerStride(1);
        long sy = rows.innerStride(2);
        rows.forEach((off, count) -> {
            for (long i = 0; i < count; i++) {
                ctx.gemm().sgemm(false, false, mi, ni, ki, 1f, a.data(), off[0] + i * sa, ki, b.data(), off[1] + i * sb,
                        ni, 0f, y.data(), off[2] + i * sy, ni);
            }
        });
        return new Tensor[] {y};
    }

    private static long[] outputShape(long[] batch, long m, long n, boolean aVector, boolean bVector) {
        long[] out = Arrays.copyOf(batch, batch.length + 2);
        out[batch.length] = m;
        out[batch.length + 1] = n;
        int drop = (aVector ? 1 : 0) + (bVector ? 1 : 0);
        if (drop == 0) {
            return out;
        }
        long[] r = new long[out.length - drop];
        int j = 0;
        for (int i = 0; i < out.length; i++) {
            if ((aVector && i == batch.length) || (bVector && i == batch.length + 1)) {
                continue;
            }
            r[j++] = out[i];
        }
        return r;
    }

    private static long[] scaled(long[] strides, long factor) {
        long[] s = strides.clone();
        for (int i = 0; i < s.length; i++) {
            s[i] *= factor;
        }
        return s;
    }
}
