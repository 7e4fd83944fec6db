package dev.irbis.testdata.models;

import dev.irbis.testdata.onnx.Attr;
import dev.irbis.testdata.onnx.OnnxGraphBuilder;
import java.util.List;

/**
 * BiT-M (timm {@code resnetv2_50x1_bitm}, {@code resnetv2_152x4_bitm}): StdConv2d (eps 1e-8) everywhere,
 * stem 7x7/2 conv + Pad(1) + MaxPool 3x3/2, pre-activation bottlenecks with GroupNorm (32 groups) + ReLU,
 * final GroupNorm + ReLU, GlobalAveragePool, 1x1 conv head with bias, Flatten: logits, no softmax.
 * Input {@code input} [batch, 3, H, W], output {@code logits} [batch, classes].
 */
public final class BitResNetV2 extends SeededResNet {
    private final BitExport export;

    public BitResNetV2(ResNetShape shape, int classes, long seed, String name, BitExport export, boolean externalData) {
        super(shape, classes, seed, name, externalData);
        this.export = export;
    }

    @Override
    public OnnxGraphBuilder build(Head head) {
        OnnxGraphBuilder g = new OnnxGraphBuilder("main_graph", export.opset).producer("pytorch");
        Weights w = new Weights(seed);
        LayerWriter layers = new LayerWriter(g, true);
        BitLayers bit = new BitLayers(g, w, export, shape.groups());
        String x = g.input("input", "batch", 3, shape.inputSize(), shape.inputSize());
        x = bit.conv(x, "stem.conv", 3, shape.stemWidth(), 7, 2, 1.0);
        x = bit.stemPad(x);
        x = layers.maxPool(x, "stem.pool", 3, 2, 0);
        x = PreActBottleneckNet.body(x, shape, bit, layers, false);
        x = bit.norm(x, "norm", shape.featureDim());
        x = layers.relu(x, "norm.act");
        x = layers.globalAveragePool(x, "head.global_pool.pool");
        int c = shape.featureDim();
        if (head == null) {
            g.output(x, "batch", c, 1, 1);
            return g;
        }
        String weight = g.weights("head.fc.weight", new long[] {classes, c, 1, 1}, head.weight());
        String bias = g.floats("head.fc.bias", new long[] {classes}, head.bias());
        x = g.op("Conv", TorchNames.node("head.fc", "Conv"), List.of(x, weight, bias), Attr.ints("dilations", 1, 1), Attr.i("group", 1),
                Attr.ints("kernel_shape", 1, 1), Attr.ints("pads", 0, 0, 0, 0), Attr.ints("strides", 1, 1));
        x = layers.flatten(x, "head.flatten");
        x = layers.rename(x, "logits");
        g.output(x, "batch", classes);
        return g;
    }
}
