package dev.irbis.engine.ops.nn;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.conv.WindowGeometry;
import dev.irbis.kernels.pool.AveragePooling;

/**
 * ONNX AveragePool, float32, 1-D to 3-D. Version differences: opset 7 adds count_include_pad,
 * opset 10 ceil_mode, opset 19 dilations. See {@link AveragePooling} for what the divisor counts.
 */
public final class AveragePool implements Operator {
    private final WindowAttributes window;
    private final long[] kernel;
    private final boolean countIncludePad;

    public AveragePool(Node node) {
        int opset = node.opset();
        window = new WindowAttributes(node.attributes(), true, opset >= 19, opset >= 10);
        kernel = window.kernelShape();
        countIncludePad = node.attributes().getLong("count_include_pad", 0) != 0;
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        if (x.dataType() != DataType.FLOAT) {
            throw new ShapeMismatchException("AveragePool supports float32 input, got " + x.dataType());
        }
        WindowGeometry g = window.resolve(PoolInput.spatial(x, "AveragePool"), kernel, "AveragePool");
        Tensor y = ctx.allocate(DataType.FLOAT, PoolInput.outputShape(x, g));
        AveragePooling.run(x.data(), y.data(), countIncludePad, x.dim(0) * x.dim(1), g);
        return new Tensor[] {y};
    }
}
