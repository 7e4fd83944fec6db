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
 * Irbis's fused group normalisation, op type {@code GroupNorm} in domain {@code dev.irbis}
 * ({@link Node#IRBIS_DOMAIN}), which the group-norm recognition pass puts in place of the
 * Reshape / InstanceNormalization (or ReduceMean ...) / Reshape / Mul / Add chains exporters emit.
 * <p>Contract: inputs X float32 [N, C, ...], gamma [C], beta [C]; attributes {@code num_groups}
 * (int, required, must divide C) and {@code epsilon} (float, default 1e-5). Output Y, same shape as X:
 * {@code y = (x - mean_g) / sqrt(var_g + epsilon) * gamma[c] + beta[c]}, where mean_g and the biased
 * variance var_g are taken over all elements of the group of c / num_groups consecutive channels that
 * holds channel c, within one image. Same kernel as GroupNormalization-21. Optional attribute
 * {@code input_rank}: the rank X must have (the recognised graph broadcast its per-channel affine
 * against exactly that rank), checked at run time; absent or 0 means any rank of at least 2.
 * Optional attribute {@code activation}: "none" (default) or "relu", applied to y.
 */
public final class FusedGroupNorm implements Operator {
    private final int groups;
    private final float epsilon;
    private final int inputRank;
    private final boolean relu;

    public FusedGroupNorm(Node node) {
        inputRank = node.attributes().getInt("input_rank", 0);
        String activation = node.attributes().getString("activation", "none");
        if (!activation.equals("none") && !activation.equals("relu")) {
            throw new ModelFormatException("attribute 'activation' must be \"none\" or \"relu\", got \"" + activation + "\"");
        }
        relu = activation.equals("relu");
        groups = node.attributes().getInt("num_groups", -1);
        if (groups < 1) {
            throw new ModelFormatException("attribute 'num_groups' is required and must be positive");
        }
        epsilon = NormParams.epsilon(node.attributes(), 1e-5f);
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        String op = "GroupNorm";
        Tensor x = in[0];
        NormParams.checkX(x, 2, op);
        if (inputRank > 0 && x.rank() != inputRank) {
            throw new ShapeMismatchException(op + ": X must have rank " + inputRank + " (the model's per-channel scale is shaped for it), got rank " + x.rank());
        }
        int n = NormParams.toInt(x.dim(0), op, "batch size");
        int c = NormParams.toInt(x.dim(1), op, "channel count");
        if (c % groups != 0) {
            throw new ShapeMismatchException(op + ": X has " + c + " channels, not divisible by num_groups " + groups);
        }
        float[] gamma = NormParams.vector(NormParams.input(in, 1), c, op, "gamma");
        float[] beta = NormParams.vector(NormParams.input(in, 2), c, op, "beta");
        Tensor y = ctx.allocateUninitialized(DataType.FLOAT, x.shape());
        GroupNorm.run(x.data(), y.data(), n, c, NormParams.tail(x, 2), groups, gamma, beta, epsilon, relu, ctx.parallel());
        return new Tensor[] {y};
    }
}
