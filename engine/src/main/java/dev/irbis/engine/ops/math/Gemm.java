package dev.irbis.engine.ops.math;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;

/**
 * ONNX Gemm (opsets 7, 9, 11, 13), float32: {@code Y = alpha * op(A) * op(B) + beta * C} with 2-D A
 * and B, op = optional transpose. C (required before opset 11) is unidirectionally broadcast to
 * [M, N]; it is written into Y first and the GEMM accumulates onto it with beta = 1.
 */
public final class Gemm implements Operator {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private final float alpha;
    private final float beta;
    private final boolean transA;
    private final boolean transB;

    public Gemm(Node node) {
        this.alpha = node.attributes().getFloat("alpha", 1f);
        this.beta = node.attributes().getFloat("beta", 1f);
        this.transA = node.attributes().getLong("transA", 0) != 0;
        this.transB = node.attributes().getLong("transB", 0) != 0;
        if (node.opset() < 11 && node.input(2) == null) {
            throw new ModelFormatException("Gemm before opset 11 needs input C");
        }
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor a = in[0];
        Tensor b = in[1];
        Tensor c = in.length > 2 ? in[2] : null;
        for (int i = 0; i < in.length; i++) {
            if (in[i] != null && in[i].dataType() != DataType.FLOAT) {
                throw new ShapeMismatchException("Gemm supports float32 inputs, input " + i + " is " + in[i].dataType());
            }
        }
        if (a.rank() != 2 || b.rank() != 2) {
            throw new ShapeMismatchException("Gemm needs 2-D A and B, got A " + Shape.format(a.shape()) + " and B "
                    + Shape.format(b.shape()));
        }
        long m = transA ? a.dim(1) : a.dim(0);
        long k = transA ? a.dim(0) : a.dim(1);
        long kb = transB ? b.dim(1) : b.dim(0);
        long n = transB ? b.dim(0) : b.dim(1);
        if (k != kb) {
            throw new ShapeMismatchException("Gemm inner dimensions differ: op(A) is " + m + "x" + k + ", op(B) is " + kb
                    + "x" + n);
        }
        long[] outShape = {m, n};
        Tensor y = ctx.allocate(DataType.FLOAT, outShape);
        boolean withC = c != null && beta != 0;
        if (withC) {
            if (!Arrays.equals(Shape.broadcast(c.shape(), outShape), outShape)) {
                y.close();
                throw new ShapeMismatchException("Gemm's C of shape " + Shape.format(c.shape())
                        + " cannot be broadcast to [M, N] = " + Shape.format(outShape));
            }
            fillWithScaledC(c, y, m, n);
        }
        if (m > 0 && n > 0 && k > 0) {
            ctx.gemm().sgemm(transA, transB, Math.toIntExact(m), Math.toIntExact(n), Math.toIntExact(k), alpha,
                    a.data(), 0, Math.toIntExact(a.dim(1)), b.data(), 0, Math.toIntExact(b.dim(1)),
                    withC ? 1f : 0f, y.data(), 0, Math.toIntExact(n));
        }
        return new Tensor[] {y};
    }

    private void fillWithScaledC(Tensor c, Tensor y, long m, long n) {
        long[] s = Shape.broadcastStrides(c.shape(), new long[] {m, n});
        MemorySegment cs = c.data();
        MemorySegment ys = y.data();
        for (long i = 0; i < m; i++) {
            for (long j = 0; j < n; j++) {
                ys.setAtIndex(F, i * n + j, beta * cs.getAtIndex(F, i * s[0] + j * s[1]));
            }
        }
    }
}
