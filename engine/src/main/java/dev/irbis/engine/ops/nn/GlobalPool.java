package dev.irbis.engine.ops.nn;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.pool.GlobalPooling;

/**
 * ONNX GlobalAveragePool and GlobalMaxPool (opsets 1, 22), float32: X [N, C, spatial...] to
 * [N, C, 1, ...] (one value per plane). The two differ only in the reduction.
 */
public final class GlobalPool implements Operator {
    private final boolean max;

    private GlobalPool(boolean max) {
        this.max = max;
    }

    public static GlobalPool average(Node node) {
        return new GlobalPool(false);
    }

    public static GlobalPool max(Node node) {
        return new GlobalPool(true);
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        String op = max ? "GlobalMaxPool" : "GlobalAveragePool";
        if (x.dataType() != DataType.FLOAT) {
            throw new ShapeMismatchException(op + " supports float32 input, got " + x.dataType());
        }
        if (x.rank() < 2) {
            throw new ShapeMismatchException(op + " input X must have rank 2 or more ([N, C, spatial...]), got shape "
                    + Shape.format(x.shape()));
        }
        long[] outShape = x.shape();
        for (int i = 2; i < outShape.length; i++) {
            outShape[i] = 1;
        }
        long planes = x.dim(0) * x.dim(1);
        long planeSize = planes == 0 ? 0 : x.size() / planes;
        Tensor y = ctx.allocateUninitialized(DataType.FLOAT, outShape);
        if (max) {
            GlobalPooling.max(x.data(), y.data(), planes, planeSize);
        } else {
            GlobalPooling.average(x.data(), y.data(), planes, planeSize);
        }
        return new Tensor[] {y};
    }
}
