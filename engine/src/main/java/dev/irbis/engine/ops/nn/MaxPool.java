package dev.irbis.engine.ops.nn;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.conv.WindowGeometry;
import dev.irbis.kernels.pool.MaxPooling;

/**
 * ONNX MaxPool, 1-D to 3-D. Version differences: opset 8 adds storage_order and the optional
 * Indices output (int64 flat indices into X); opset 10 adds ceil_mode and dilations; opset 12
 * accepts int8 and uint8 input. Int8/uint8 are pooled through float32, which holds them exactly.
 */
public final class MaxPool implements Operator {
    private final WindowAttributes window;
    private final long[] kernel;
    private final boolean columnMajor;
    private final boolean wantIndices;
    private final int opset;

    public MaxPool(Node node) {
        opset = node.opset();
        window = new WindowAttributes(node.attributes(), true, opset >= 10, opset >= 10);
        kernel = window.kernelShape();
        long order = node.attributes().getLong("storage_order", 0);
        if (order != 0 && order != 1) {
            throw new ModelFormatException("attribute 'storage_order' must be 0 or 1, got " + order);
        }
        if (opset < 8 && (node.attributes().has("storage_order") || node.outputs().size() > 1)) {
            throw new ModelFormatException("storage_order and the Indices output need MaxPool opset 8 or later");
        }
        columnMajor = order == 1;
        wantIndices = node.outputs().size() > 1 && !node.outputs().get(1).isEmpty();
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        DataType t = x.dataType();
        boolean bytes = t == DataType.INT8 || t == DataType.UINT8;
        if (t != DataType.FLOAT && !(bytes && opset >= 12)) {
            throw new ShapeMismatchException("MaxPool supports float32" + (opset >= 12 ? ", int8 and uint8" : "")
                    + " input, got " + t);
        }
        WindowGeometry g = window.resolve(PoolInput.spatial(x, "MaxPool"), kernel, "MaxPool");
        long[] outShape = PoolInput.outputShape(x, g);
        long planes = x.dim(0) * x.dim(1);
        Tensor indices = wantIndices ? ctx.allocate(DataType.INT64, outShape) : null;
        Tensor y = ctx.allocateUninitialized(t, outShape);
        if (!bytes) {
            MaxPooling.run(x.data(), y.data(), indices == null ? null : indices.data(), columnMajor, planes, g, ctx.parallel());
        } else {
            try (Tensor xf = ctx.scratch(DataType.FLOAT, x.shape()); Tensor yf = ctx.scratch(DataType.FLOAT, outShape)) {
                for (long i = 0; i < x.size(); i++) {
                    xf.setFloat(i, x.getLong(i));
                }
                MaxPooling.run(xf.data(), yf.data(), indices == null ? null : indices.data(), columnMajor, planes, g);
                for (long i = 0; i < y.size(); i++) {
                    y.setLong(i, (long) yf.getFloat(i));
                }
            }
        }
        return wantIndices ? new Tensor[] {y, indices} : new Tensor[] {y};
    }
}
