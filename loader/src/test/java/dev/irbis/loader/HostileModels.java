package dev.irbis.loader;

import dev.irbis.loader.proto.Onnx.GraphProto;
import dev.irbis.loader.proto.Onnx.ModelProto;
import dev.irbis.loader.proto.Onnx.NodeProto;
import dev.irbis.loader.proto.Onnx.OperatorSetIdProto;
import dev.irbis.loader.proto.Onnx.StringStringEntryProto;
import dev.irbis.loader.proto.Onnx.TensorProto;
import dev.irbis.loader.proto.Onnx.TensorShapeProto;
import dev.irbis.loader.proto.Onnx.TypeProto;
import dev.irbis.loader.proto.Onnx.ValueInfoProto;
import java.util.List;

/** Builders for the small (and mostly broken) models of {@link HostileModelTest}. */
final class HostileModels {
    static final int FLOAT = 1;

    private HostileModels() {
    }

    static ValueInfoProto value(String name, long... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (long d : dims) {
            shape.addDim(TensorShapeProto.Dimension.newBuilder().setDimValue(d));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(FLOAT).setShape(shape))).build();
    }

    static NodeProto node(String name, String op, List<String> inputs, List<String> outputs) {
        return NodeProto.newBuilder().setName(name).setOpType(op).addAllInput(inputs).addAllOutput(outputs).build();
    }

    static ModelProto.Builder model(GraphProto.Builder graph) {
        return ModelProto.newBuilder().setIrVersion(8)
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(graph);
    }

    /** Y = Relu(Add(X, W)) with X and W float [2,3]: a valid graph around whatever W holds. */
    static GraphProto.Builder addWeight(TensorProto w) {
        return GraphProto.newBuilder().setName("g").addInput(value("X", 2, 3)).addOutput(value("Y", 2, 3))
                .addInitializer(w)
                .addNode(node("add", "Add", List.of("X", w.getName()), List.of("S")))
                .addNode(node("relu", "Relu", List.of("S"), List.of("Y")));
    }

    /** Y = Relu(X): the smallest graph the skeleton can run. */
    static GraphProto.Builder relu() {
        return GraphProto.newBuilder().setName("g").addInput(value("X", 2, 3)).addOutput(value("Y", 2, 3))
                .addNode(node("relu", "Relu", List.of("X"), List.of("Y")));
    }

    static TensorProto.Builder floats(String name, long... dims) {
        return TensorProto.newBuilder().setName(name).setDataType(FLOAT).addAllDims(java.util.Arrays.stream(dims).boxed().toList());
    }

    static TensorProto external(String name, String location, long offset, long length, long... dims) {
        TensorProto.Builder t = floats(name, dims).setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(StringStringEntryProto.newBuilder().setKey("location").setValue(location));
        if (offset >= 0) {
            t.addExternalData(StringStringEntryProto.newBuilder().setKey("offset").setValue(Long.toString(offset)));
        }
        if (length >= 0) {
            t.addExternalData(StringStringEntryProto.newBuilder().setKey("length").setValue(Long.toString(length)));
        }
        return t.build();
    }
}
