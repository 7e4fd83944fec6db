package dev.irbis.engine.ops.nn;

import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.norm.GroupNorm;

/**
 * ONNX InstanceNormalization (opsets 6, 22), float32 X [N, C, ...], scale [C], B [C]: each
 * (image, channel) plane is normalised by its own mean and biased variance. Runs as group
 * normalisation with one channel per group.
 */
public final class InstanceNormalization implements Operator {
    private final float epsilon;

    public InstanceNormalization(Node node) {
        epsilon = NormParams.epsilon(node.attributes(), 1e-5f);
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        String op = "InstanceNormalization";
        Tensor x = in[0];
        NormParams.checkX(x, 2, op);
        int n = NormParams.toInt(x.dim(0), op, "batch size");
        int c = NormParams.toInt(x.dim(1), op, "channel count");
        float[] scale = NormParams.vector(NormParams.input(in, 1), c, op, "scale");
        float[] bias = NormParams.vector(NormParams.input(in, 2), c, op, "B");
        Tensor y = ctx.allocate(DataType.FLOAT, x.shape());
        GroupNorm.run(x.data(), y.data(), n, c, NormParams.tail(x, 2), Math.max(c, 1), scale, bias, epsilon);
        return new Tensor[] {y};
    }
}
