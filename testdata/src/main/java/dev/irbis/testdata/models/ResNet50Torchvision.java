package dev.irbis.testdata.models;

import dev.irbis.testdata.onnx.OnnxGraphBuilder;

/**
 * torchvision's ResNet-50 as {@code torch.onnx.export} writes it (opset 17, constant folding on): every
 * BatchNormalization folded into the preceding Conv's weight and bias, stride on the 3x3 conv (v1.5),
 * GlobalAveragePool + Flatten + Gemm head; input {@code input} [batch_size, 3, 224, 224] with a dynamic
 * batch dimension, output {@code output} [batch_size, classes].
 */
public final class ResNet50Torchvision extends SeededResNet {
    public ResNet50Torchvision(ResNetShape shape, int classes, long seed, String name) {
        super(shape, classes, seed, name, false);
    }

    @Override
    public OnnxGraphBuilder build(Head head) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("main_graph", 17).producer("pytorch");
        Weights w = new Weights(seed);
        LayerWriter layers = new LayerWriter(g, true);
        FoldedBatchNorm convBn = new FoldedBatchNorm(g, w);
        String x = g.input("input", "batch_size", 3, shape.inputSize(), shape.inputSize());
        x = convBn.apply(x, "conv1", "bn1", 3, shape.stemWidth(), 7, 2, 1.0);
        x = layers.relu(x, "relu");
        x = layers.maxPool(x, "maxpool", 3, 2, 1);
        x = PostActBottleneckNet.body(x, shape, convBn, layers, true, false);
        x = layers.globalAveragePool(x, "avgpool");
        x = layers.flatten(x, "");
        if (head == null) {
            g.output(x, "batch_size", shape.featureDim());
            return g;
        }
        x = layers.gemm(x, "fc", "fc.weight", "fc.bias", head, shape.featureDim());
        x = layers.rename(x, "output");
        g.output(x, "batch_size", classes);
        return g;
    }
}
