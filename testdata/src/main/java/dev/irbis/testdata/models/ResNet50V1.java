package dev.irbis.testdata.models;

import dev.irbis.testdata.onnx.OnnxGraphBuilder;

/**
 * ResNet-50 v1 as the ONNX model zoo's {@code resnet50-v1-7} holds it (MXNet export, opset 7): Conv without
 * bias + separate BatchNormalization + Relu, stride on the first 1x1 conv of a block, MaxPool stem,
 * GlobalAveragePool + Flatten + Gemm head; input {@code data} [1, 3, 224, 224].
 */
public final class ResNet50V1 extends SeededResNet {
    public ResNet50V1(ResNetShape shape, int classes, long seed, String name) {
        super(shape, classes, seed, name, false);
    }

    @Override
    public OnnxGraphBuilder build(Head head) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("mxnet_converted_model", 7).producer("MXNet");
        Weights w = new Weights(seed);
        LayerWriter layers = new LayerWriter(g, false);
        String x = g.input("data", 1, 3, shape.inputSize(), shape.inputSize());
        x = new SeparateBatchNorm(g, w).apply(x, "resnetv10.conv0", "resnetv10.batchnorm0", 3, shape.stemWidth(), 7, 2, 1.0);
        x = layers.relu(x, "resnetv10.relu0");
        x = layers.maxPool(x, "resnetv10.pool0", 3, 2, 1);
        x = PostActBottleneckNet.body(x, shape, new SeparateBatchNorm(g, w), layers, false, true);
        x = layers.globalAveragePool(x, "resnetv10.pool1");
        x = layers.flatten(x, "flatten_473");
        if (head == null) {
            g.output(x, 1, shape.featureDim());
            return g;
        }
        x = layers.gemm(x, "resnetv10.dense0", "resnetv10_dense0_weight", "resnetv10_dense0_bias", head, shape.featureDim());
        g.output(x, 1, classes);
        return g;
    }
}
