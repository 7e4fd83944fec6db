package dev.irbis.engine.ops.nn;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.norm.GroupNorm;

/**
 * ONNX GroupNormalization, float32 X [N, C, ...], attributes num_groups, epsilon and (opset 21)
 * stash_type. Opset 18 takes scale and bias per group (shape [num_groups]); opset 21 per channel
 * (shape [C]). Statistics are computed in double, which satisfies any stash_type.
 */
public final class GroupNormalization implements Operator {
    private final int groups;
    private final float epsilon;
    private final boolean perChannel;

    public GroupNormalization(Node node) {
        groups = node.attributes().getInt("num_groups", -1);
        if (groups < 1) {
            throw new ModelFormatException("attribute 'num_groups' is required and must be positive");
        }
        epsilon = NormParams.epsilon(node.attributes(), 1e-5f);
        NormParams.checkStashType(node.attributes());
        perChannel = node.opset() >= 21;
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        String op = "GroupNormalization";
        Tensor x = in[0];
        NormParams.checkX(x, 2, op);
        int n = NormParams.toInt(x.dim(0), op, "batch size");
        int c = NormParams.toInt(x.dim(1), op, "channel count");
        if (c % groups != 0) {
            throw new ShapeMismatchException(op + ": X has " + c + " channels, not divisible by num_groups " + groups);
        }
        float[] scale;
        float[] bias;
        if (perChannel) {
            scale = NormParams.vector(NormParams.input(in, 1), c, op, "scale");
            bias = NormParams.vector(NormParams.input(in, 2), c, op, "bias");
        } else {
            scale = perGroupToChannels(NormParams.vector(NormParams.input(in, 1), groups, op, "scale"), c);
            bias = perGroupToChannels(NormParams.vector(NormParams.input(in, 2), groups, op, "bias"), c);
        }
        Tensor y = ctx.allocate(DataType.FLOAT, x.shape());
        GroupNorm.run(x.data(), y.data(), n, c, NormParams.tail(x, 2), groups, scale, bias, epsilon);
        return new Tensor[] {y};
    }

    private float[] perGroupToChannels(float[] perGroup, int c) {
        float[] out = new float[c];
        int cg = c / groups;
        for (int ch = 0; ch < c; ch++) {
            out[ch] = perGroup[ch / cg];
        }
        return out;
    }
}
