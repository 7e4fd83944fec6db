package dev.irbis.testdata.models;

import dev.irbis.testdata.onnx.Attr;
import dev.irbis.testdata.onnx.OnnxGraphBuilder;
import java.util.List;

/**
 * Conv with the following BatchNormalization folded into its weight and bias, as torch.onnx writes an
 * eval-mode torchvision model ({@code do_constant_folding=True}): {@code W' = W * g / sqrt(v + eps)},
 * {@code b' = beta - m * g / sqrt(v + eps)}, initializers named {@code onnx::Conv_N}.
 */
final class FoldedBatchNorm implements ConvBn {
    private final OnnxGraphBuilder g;
    private final Weights w;
    private int counter = 100;

    FoldedBatchNorm(OnnxGraphBuilder g, Weights w) {
        this.g = g;
        this.w = w;
    }

    @Override
    public String apply(String x, String module, String bnModule, int cin, int cout, int k, int stride, double gammaScale) {
        int per = cin * k * k;
        float[] weight = w.gaussianArray(module + ".weight", cout * per, 0, ConvBn.heStd(cin, k));
        NormParams p = NormParams.of(w, bnModule, cout, gammaScale);
        float[] bias = new float[cout];
        for (int o = 0; o < cout; o++) {
            double f = p.gamma()[o] / Math.sqrt(p.var()[o] + SeparateBatchNorm.EPSILON);
            for (int i = 0; i < per; i++) {
                weight[o * per + i] = (float) (weight[o * per + i] * f);
            }
            bias[o] = (float) (p.beta()[o] - p.mean()[o] * f);
        }
        String wName = g.floats("onnx::Conv_" + counter++, new long[] {cout, cin, k, k}, weight);
        String bName = g.floats("onnx::Conv_" + counter++, new long[] {cout}, bias);
        counter++;
        return g.op("Conv", TorchNames.node(module, "Conv"), List.of(x, wName, bName), Attr.ints("dilations", 1, 1), Attr.i("group", 1),
                Attr.ints("kernel_shape", k, k), Attr.ints("pads", k / 2, k / 2, k / 2, k / 2), Attr.ints("strides", stride, stride));
    }
}
