package dev.irbis.testdata.models;

import dev.irbis.testdata.onnx.Attr;
import dev.irbis.testdata.onnx.OnnxGraphBuilder;
import java.util.List;

/**
 * Conv without bias, then a separate BatchNormalization, with MXNet-style names ({@code stage1_unit1_conv1},
 * output named as the node), as the ONNX model zoo's ResNet v1/v2 files hold them.
 */
final class SeparateBatchNorm implements ConvBn {
    static final float EPSILON = 1e-5f;
    private final OnnxGraphBuilder g;
    private final Weights w;

    SeparateBatchNorm(OnnxGraphBuilder g, Weights w) {
        this.g = g;
        this.w = w;
    }

    static String mx(String module) {
        return module.replace('.', '_');
    }

    @Override
    public String apply(String x, String module, String bnModule, int cin, int cout, int k, int stride, double gammaScale) {
        String y = conv(g, w, x, module, cin, cout, k, stride, ConvBn.heStd(cin, k));
        return batchNorm(g, w, y, bnModule, cout, gammaScale);
    }

    static String conv(OnnxGraphBuilder g, Weights w, String x, String module, int cin, int cout, int k, int stride, double std) {
        String name = mx(module);
        String weight = g.weights(name + "_weight", new long[] {cout, cin, k, k}, w.gaussian(module + ".weight", 0, std));
        String out = name + "_fwd";
        g.node("Conv", out, List.of(x, weight), List.of(out), Attr.ints("dilations", 1, 1), Attr.i("group", 1),
                Attr.ints("kernel_shape", k, k), Attr.ints("pads", k / 2, k / 2, k / 2, k / 2), Attr.ints("strides", stride, stride));
        return out;
    }

    static String batchNorm(OnnxGraphBuilder g, Weights w, String x, String module, int channels, double gammaScale) {
        NormParams p = NormParams.of(w, module, channels, gammaScale);
        return batchNorm(g, x, module, channels, p);
    }

    static String batchNorm(OnnxGraphBuilder g, String x, String module, int channels, NormParams p) {
        String name = mx(module);
        long[] dims = {channels};
        String out = name + "_fwd";
        g.node("BatchNormalization", out, List.of(x, g.floats(name + "_gamma", dims, p.gamma()), g.floats(name + "_beta", dims, p.beta()),
                g.floats(name + "_running_mean", dims, p.mean()), g.floats(name + "_running_var", dims, p.var())),
                List.of(out), Attr.f("epsilon", EPSILON), Attr.f("momentum", 0.9f));
        return out;
    }

    static String unary(OnnxGraphBuilder g, String op, String x, String name) {
        g.node(op, name, List.of(x), List.of(name));
        return name;
    }
}
