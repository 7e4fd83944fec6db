package dev.irbis.testdata.models;

import dev.irbis.testdata.onnx.Attr;
import dev.irbis.testdata.onnx.OnnxGraphBuilder;
import java.util.List;

/**
 * Writes the parameter-free layers (Relu, Add, pooling, Flatten) and the Gemm head with one exporter's
 * naming: torch.onnx ({@code /layer1/layer1.0/relu/Relu} -> {@code ..._output_0}) or MXNet
 * ({@code stage1_unit1_relu1_fwd}, output named as the node).
 */
final class LayerWriter {
    private final OnnxGraphBuilder g;
    private final boolean torch;

    LayerWriter(OnnxGraphBuilder g, boolean torchStyle) {
        this.g = g;
        this.torch = torchStyle;
    }

    String op(String opType, String module, List<String> in, dev.irbis.loader.proto.Onnx.AttributeProto... attrs) {
        if (torch) {
            return g.op(opType, TorchNames.node(module, opType), in, attrs);
        }
        String name = SeparateBatchNorm.mx(module) + "_fwd";
        g.node(opType, name, in, List.of(name), attrs);
        return name;
    }

    String relu(String x, String module) {
        return op("Relu", module, List.of(x));
    }

    String add(String a, String b, String module) {
        return op("Add", module, List.of(a, b));
    }

    String maxPool(String x, String module, int k, int stride, int pad) {
        var kernel = Attr.ints("kernel_shape", k, k);
        var pads = Attr.ints("pads", pad, pad, pad, pad);
        var strides = Attr.ints("strides", stride, stride);
        if (!torch) {
            // MXNet's files are opset 7: MaxPool has no ceil_mode or dilations before version 10.
            return op("MaxPool", module, List.of(x), kernel, pads, strides);
        }
        return op("MaxPool", module, List.of(x), Attr.i("ceil_mode", 0), Attr.ints("dilations", 1, 1), kernel, pads, strides);
    }

    String globalAveragePool(String x, String module) {
        return op("GlobalAveragePool", module, List.of(x));
    }

    String flatten(String x, String module) {
        return op("Flatten", module, List.of(x), Attr.i("axis", 1));
    }

    /** {@code Gemm(x, W, b)} with W [classes, features] (transB = 1), as both exporters write a Linear/Dense layer. */
    String gemm(String x, String module, String weightName, String biasName, Head head, int features) {
        String w = g.weights(weightName, new long[] {head.classes(), features}, head.weight());
        String b = g.floats(biasName, new long[] {head.classes()}, head.bias());
        return op("Gemm", module, List.of(x, w, b), Attr.f("alpha", 1f), Attr.f("beta", 1f), Attr.i("transB", 1));
    }

    /** Renames the last node's output to a graph output name. */
    String rename(String value, String newName) {
        var nodes = g.nodes();
        var last = nodes.get(nodes.size() - 1);
        if (!last.getOutput(0).equals(value)) {
            throw new IllegalStateException("can only rename the output of the last node");
        }
        nodes.set(nodes.size() - 1, last.toBuilder().setOutput(0, newName).build());
        return newName;
    }
}
