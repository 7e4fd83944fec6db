package dev.irbis.engine.ops.nn;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.norm.BatchNorm;

/**
 * ONNX BatchNormalization, float32 X [N, C, ...]; inputs scale, B, input_mean, input_var.
 * <ul>
 * <li>opset 7: {@code spatial} attribute; spatial = 0 gives every (channel, position) its own
 * parameters, shape [C, D1, ...]. Training (batch statistics) when the node asks for more than Y.</li>
 * <li>opset 9: spatial is gone, parameters are [C]; training again when more than Y is requested.
 * Outputs in training for opsets 7 to 13: Y, running mean, running var, saved mean, saved var
 * (the saved values are the batch mean and biased batch variance).</li>
 * <li>opset 14, 15: {@code training_mode}; when 1, Y uses the batch statistics (mean and biased
 * variance over all axes but the channel axis) and the outputs are Y, running_mean, running_var with
 * {@code running = input * momentum + batch * (1 - momentum)}.</li>
 * </ul>
 * Inference mode uses input_mean and input_var.
 */
public final class BatchNormalization implements Operator {
    private final float epsilon;
    private final float momentum;
    private final boolean spatial;
    private final boolean training;
    private final boolean legacyOutputs;

    public BatchNormalization(Node node) {
        Attributes a = node.attributes();
        int opset = node.opset();
        epsilon = NormParams.epsilon(a, 1e-5f);
        momentum = a.getFloat("momentum", 0.9f);
        if (a.has("spatial") && opset >= 9) {
            throw new ModelFormatException("attribute 'spatial' was removed in BatchNormalization opset 9");
        }
        spatial = a.getLong("spatial", 1) != 0;
        if (a.has("training_mode") && opset < 14) {
            throw new ModelFormatException("attribute 'training_mode' needs BatchNormalization opset 14 or later");
        }
        long requested = node.outputs().stream().skip(1).filter(s -> !s.isEmpty()).count();
        legacyOutputs = opset < 14;
        training = legacyOutputs ? requested > 0 : a.getLong("training_mode", 0) != 0;
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        String op = "BatchNormalization";
        Tensor x = in[0];
        NormParams.checkX(x, 2, op);
        int n = NormParams.toInt(x.dim(0), op, "batch size");
        long perChannel = NormParams.tail(x, 2);
        // spatial = 0: each (channel, position) pair is its own channel of spatial size 1.
        int c = NormParams.toInt(spatial ? x.dim(1) : x.dim(1) * perChannel, op, "channel count");
        long inner = spatial ? perChannel : 1;
        float[] scale = NormParams.vector(NormParams.input(in, 1), c, op, "scale");
        float[] bias = NormParams.vector(NormParams.input(in, 2), c, op, "B");
        float[] mean = NormParams.vector(NormParams.input(in, 3), c, op, "input_mean");
        float[] var = NormParams.vector(NormParams.input(in, 4), c, op, "input_var");
        Tensor y = ctx.allocateUninitialized(DataType.FLOAT, x.shape());
        if (!training) {
            BatchNorm.inference(x.data(), y.data(), n, c, inner, scale, bias, mean, var, epsilon);
            return new Tensor[] {y};
        }
        double[] bMean = new double[c];
        double[] bVar = new double[c];
        BatchNorm.batchStatistics(x.data(), n, c, inner, bMean, bVar);
        BatchNorm.withStatistics(x.data(), y.data(), n, c, inner, scale, bias, bMean, bVar, epsilon);
        long[] statShape = NormParams.input(in, 3).shape();
        Tensor runMean = ctx.allocate(DataType.FLOAT, statShape);
        Tensor runVar = ctx.allocate(DataType.FLOAT, statShape);
        for (int ch = 0; ch < c; ch++) {
            runMean.setFloat(ch, (float) (mean[ch] * (double) momentum + bMean[ch] * (1.0 - momentum)));
            runVar.setFloat(ch, (float) (var[ch] * (double) momentum + bVar[ch] * (1.0 - momentum)));
        }
        if (!legacyOutputs) {
            return new Tensor[] {y, runMean, runVar};
        }
        Tensor savedMean = ctx.allocate(DataType.FLOAT, statShape);
        Tensor savedVar = ctx.allocate(DataType.FLOAT, statShape);
        for (int ch = 0; ch < c; ch++) {
            savedMean.setFloat(ch, (float) bMean[ch]);
            savedVar.setFloat(ch, (float) bVar[ch]);
        }
        return new Tensor[] {y, runMean, runVar, savedMean, savedVar};
    }
}
