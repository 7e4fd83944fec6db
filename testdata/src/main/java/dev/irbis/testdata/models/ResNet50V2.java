package dev.irbis.testdata.models;

import dev.irbis.testdata.onnx.OnnxGraphBuilder;

/**
 * ResNet-50 v2 (pre-activation) as the ONNX model zoo's {@code resnet50-v2-7} holds it (MXNet export,
 * opset 7): a BatchNormalization on the input data (gamma 1, beta 0), Conv + BN + Relu + MaxPool stem,
 * pre-activation bottlenecks (BN + Relu before each conv, stride on the 3x3), final BN + Relu,
 * GlobalAveragePool + Flatten + Gemm; input {@code data} [1, 3, 224, 224].
 */
public final class ResNet50V2 extends SeededResNet {
    public ResNet50V2(ResNetShape shape, int classes, long seed, String name) {
        super(shape, classes, seed, name, false);
    }

    @Override
    public OnnxGraphBuilder build(Head head) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("mxnet_converted_model", 7).producer("MXNet");
        Weights w = new Weights(seed);
        LayerWriter layers = new LayerWriter(g, false);
        PreActLayers bnConv = new PreActLayers() {
            @Override
            public String norm(String x, String module, int channels) {
                return SeparateBatchNorm.batchNorm(g, w, x, module, channels, 1.0);
            }

            @Override
            public String conv(String x, String module, int cin, int cout, int k, int stride, double scale) {
                return SeparateBatchNorm.conv(g, w, x, module, cin, cout, k, stride, ConvBn.heStd(cin, k) * scale);
            }
        };
        String x = g.input("data", 1, 3, shape.inputSize(), shape.inputSize());
        // gluon's ResNetV2 starts with BatchNorm(scale=False, center=False) on the data.
        NormParams p = NormParams.of(w, "resnetv20.batchnorm0", 3, 1.0);
        java.util.Arrays.fill(p.gamma(), 1f);
        java.util.Arrays.fill(p.beta(), 0f);
        x = SeparateBatchNorm.batchNorm(g, x, "resnetv20.batchnorm0", 3, p);
        x = bnConv.conv(x, "resnetv20.conv0", 3, shape.stemWidth(), 7, 2, 1.0);
        x = bnConv.norm(x, "resnetv20.batchnorm1", shape.stemWidth());
        x = layers.relu(x, "resnetv20.relu0");
        x = layers.maxPool(x, "resnetv20.pool0", 3, 2, 1);
        x = PreActBottleneckNet.body(x, shape, bnConv, layers, true);
        x = bnConv.norm(x, "resnetv20.batchnorm2", shape.featureDim());
        x = layers.relu(x, "resnetv20.relu1");
        x = layers.globalAveragePool(x, "resnetv20.pool1");
        x = layers.flatten(x, "flatten_473");
        if (head == null) {
            g.output(x, 1, shape.featureDim());
            return g;
        }
        x = layers.gemm(x, "resnetv20.dense0", "resnetv20_dense0_weight", "resnetv20_dense0_bias", head, shape.featureDim());
        g.output(x, 1, classes);
        return g;
    }
}
