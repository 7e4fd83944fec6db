package dev.irbis.cli;

import dev.irbis.loader.proto.Onnx.GraphProto;
import dev.irbis.loader.proto.Onnx.ModelProto;
import dev.irbis.loader.proto.Onnx.NodeProto;
import dev.irbis.loader.proto.Onnx.OperatorSetIdProto;
import dev.irbis.loader.proto.Onnx.TensorProto;
import dev.irbis.loader.proto.Onnx.TensorShapeProto;
import dev.irbis.loader.proto.Onnx.TypeProto;
import dev.irbis.loader.proto.Onnx.ValueInfoProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Small ONNX models written with the protobuf builders, for exercising the commands. */
final class TinyModels {
    private TinyModels() {
    }

    /** A float tensor value with dims given as numbers or names ("N"). */
    static ValueInfoProto value(String name, Object... dims) {
        TensorShapeProto.Builder shape = TensorShapeProto.newBuilder();
        for (Object d : dims) {
            shape.addDim(d instanceof String s ? TensorShapeProto.Dimension.newBuilder().setDimParam(s)
                    : TensorShapeProto.Dimension.newBuilder().setDimValue(((Number) d).longValue()));
        }
        return ValueInfoProto.newBuilder().setName(name).setType(TypeProto.newBuilder()
                .setTensorType(TypeProto.Tensor.newBuilder().setElemType(1).setShape(shape))).build();
    }

    static NodeProto node(String op, List<String> inputs, List<String> outputs) {
        return NodeProto.newBuilder().setOpType(op).setName(op + "_" + outputs.get(0)).addAllInput(inputs).addAllOutput(outputs).build();
    }

    static Path write(Path dir, String file, GraphProto graph) throws IOException {
        ModelProto m = ModelProto.newBuilder().setIrVersion(8).setProducerName("irbis-test").setProducerVersion("1.0")
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(13)).setGraph(graph).build();
        Path p = dir.resolve(file);
        Files.write(p, m.toByteArray());
        return p;
    }

    /** Y = Relu(X), X float [N,3] with a named batch dim; a weight W [2,3] so that there are parameters. */
    static Path relu(Path dir) throws IOException {
        TensorProto w = TensorProto.newBuilder().setName("W").setDataType(1)
                .addDims(2).addDims(3).addAllFloatData(List.of(1f, 2f, 3f, 4f, 5f, 6f)).build();
        return write(dir, "relu.onnx", GraphProto.newBuilder().setName("tiny")
                .addInput(value("X", "N", 3)).addOutput(value("Y", "N", 3)).addInitializer(w)
                .addNode(node("Relu", List.of("X"), List.of("Y"))).build());
    }

    /** Two inputs A and B [2], two outputs with names unsafe as file names: "out/relu:0" = Relu(A), "../b" = Relu(B). */
    static Path twoOutputs(Path dir) throws IOException {
        return write(dir, "two.onnx", GraphProto.newBuilder().setName("two")
                .addInput(value("A", 2)).addInput(value("B", 2))
                .addOutput(value("out/relu:0", 2)).addOutput(value("../b", 2))
                .addNode(node("Relu", List.of("A"), List.of("out/relu:0")))
                .addNode(node("Relu", List.of("B"), List.of("../b"))).build());
    }

    /** Y = MatMul(X, W): X [N,4], W [4,5], so one run costs N*4*5 multiply-adds. */
    static Path matMul(Path dir) throws IOException {
        TensorProto.Builder w = TensorProto.newBuilder().setName("W").setDataType(1).addDims(4).addDims(5);
        for (int i = 0; i < 20; i++) {
            w.addFloatData(i);
        }
        return write(dir, "matmul.onnx", GraphProto.newBuilder().setName("mm")
                .addInput(value("X", "N", 4)).addOutput(value("Y", "N", 5)).addInitializer(w)
                .addNode(node("MatMul", List.of("X", "W"), List.of("Y"))).build());
    }

    /** A node of an operator nobody implements. */
    static Path unknownOp(Path dir) throws IOException {
        return write(dir, "unknown.onnx", GraphProto.newBuilder().setName("u")
                .addInput(value("X", 2)).addOutput(value("Y", 2))
                .addNode(node("FrobnicateXyz", List.of("X"), List.of("Y"))).build());
    }
}
