package dev.irbis.testdata.onnx;

import dev.irbis.loader.proto.Onnx.AttributeProto;
import dev.irbis.loader.proto.Onnx.NodeProto;
import dev.irbis.loader.proto.Onnx.TensorProto;
import dev.irbis.loader.proto.Onnx.TensorShapeProto;
import dev.irbis.loader.proto.Onnx.TypeProto;
import dev.irbis.loader.proto.Onnx.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Builds one ONNX graph: inputs and outputs (fixed or named dims), nodes with names and attributes,
 * and initializers. Float weights are kept as {@link FloatSource} suppliers and only materialised by
 * {@link OnnxModelWriter}, inline or streamed to an external data file.
 */
public final class OnnxGraphBuilder {
    /** A float initializer whose values are produced when the model is written. */
    public record FloatInitializer(String name, long[] dims, Supplier<FloatSource> values) {
        public long count() {
            long n = 1;
            for (long d : dims) {
                n *= d;
            }
            return n;
        }
    }

    private final String graphName;
    private final int opset;
    private final List<ValueInfoProto> inputs = new ArrayList<>();
    private final List<ValueInfoProto> outputs = new ArrayList<>();
    private final List<NodeProto> nodes = new ArrayList<>();
    /** Initializers in order: {@link TensorProto} (small, inline) or {@link FloatInitializer}. */
    private final List<Object> initializers = new ArrayList<>();
    private final Set<String> names = new HashSet<>();
    private String producer = "irbis-testdata";

    public OnnxGraphBuilder(String graphName, int opset) {
        this.graphName = graphName;
        this.opset = opset;
    }

    public String graphName() {
        return graphName;
    }

    public int opset() {
        return opset;
    }

    public String producer() {
        return producer;
    }

    public OnnxGraphBuilder producer(String p) {
        this.producer = p;
        return this;
    }

    /** A FLOAT graph input; each dim is a number (fixed) or a string (dim_param, e.g. "batch_size"). */
    public String input(String name, Object... dims) {
        inputs.add(valueInfo(name, dims));
        return name;
    }

    public String output(String name, Object... dims) {
        outputs.add(valueInfo(name, dims));
        return name;
    }

    public String initializer(TensorProto t) {
        claim(t.getName());
        initializers.add(t);
        return t.getName();
    }

    public String floats(String name, long[] dims, float[] values) {
        return weights(name, dims, () -> FloatSource.of(values));
    }

    public String longs(String name, long... values) {
        return initializer(Tensors.longs(name, values));
    }

    /** A float initializer generated on demand (seeded weights). */
    public String weights(String name, long[] dims, Supplier<FloatSource> values) {
        claim(name);
        initializers.add(new FloatInitializer(name, dims.clone(), values));
        return name;
    }

    /** Adds a node with explicit outputs. */
    public void node(String opType, String name, List<String> in, List<String> out, AttributeProto... attrs) {
        NodeProto.Builder b = NodeProto.newBuilder().setOpType(opType).setName(name).addAllInput(in).addAllOutput(out);
        for (AttributeProto a : attrs) {
            b.addAttribute(a);
        }
        nodes.add(b.build());
    }

    /** Adds a single-output node whose output is named as torch.onnx does: {@code <name>_output_0}. */
    public String op(String opType, String name, List<String> in, AttributeProto... attrs) {
        String out = name + "_output_0";
        node(opType, name, in, List.of(out), attrs);
        return out;
    }

    /** A Constant node holding {@code value}, as the torchscript exporter writes them. */
    public String constant(String name, TensorProto value) {
        return op("Constant", name, List.of(), Attr.t("value", value));
    }

    public List<ValueInfoProto> inputs() {
        return inputs;
    }

    public List<ValueInfoProto> outputs() {
        return outputs;
    }

    public List<NodeProto> nodes() {
        return nodes;
    }

    public List<Object> initializers() {
        return initializers;
    }

    private void claim(String name) {
        if (!names.add(name)) {
            throw new IllegalArgumentException("initializer '" + name + "' is defined twice");
        }
    }

    private static ValueInfoProto valueInfo(String name, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            TensorShapeProto.Dimension.Builder dim = TensorShapeProto.Dimension.newBuilder();
            if (d instanceof String p) {
                dim.setDimParam(p);
            } else if (d instanceof Number n) {
                dim.setDimValue(n.longValue());
            } else {
                throw new IllegalArgumentException("a dim must be a number or a dim_param name, got " + d);
            }
            shape.addDim(dim);
        }
        TypeProto type = TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(Tensors.FLOAT).setShape(shape)).build();
        return ValueInfoProto.newBuilder().setName(name).setType(type).build();
    }
}
