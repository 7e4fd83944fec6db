package dev.irbis.loader;

import static dev.irbis.loader.HostileModels.addWeight;
import static dev.irbis.loader.HostileModels.external;
import static dev.irbis.loader.HostileModels.floats;
import static dev.irbis.loader.HostileModels.model;
import static dev.irbis.loader.HostileModels.node;
import static dev.irbis.loader.HostileModels.relu;
import static dev.irbis.loader.HostileModels.value;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.google.protobuf.ByteString;
import dev.irbis.engine.IrbisException;
import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.UnsupportedOperatorException;
import dev.irbis.engine.api.Model;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.proto.Onnx.AttributeProto;
import dev.irbis.loader.proto.Onnx.GraphProto;
import dev.irbis.loader.proto.Onnx.ModelProto;
import dev.irbis.loader.proto.Onnx.NodeProto;
import dev.irbis.loader.proto.Onnx.OperatorSetIdProto;
import dev.irbis.loader.proto.Onnx.TensorProto;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and hostile model files: each must fail with the right exception and a message that names the
 * file and the tensor, node or field at fault, without allocating what a hostile size field asks for.
 */
class HostileModelTest {
    private static final float[] W = {1, -2, 3, -4, 5, -6};

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        Path p = dir.resolve(name);
        Files.write(p, bytes);
        return p;
    }

    private Path write(ModelProto.Builder m) throws IOException {
        return write("m.onnx", m.build().toByteArray());
    }

    private static byte[] le(float... v) {
        ByteBuffer b = ByteBuffer.allocate(v.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : v) {
            b.putFloat(f);
        }
        return b.array();
    }

    /** Reads (import only) and expects {@code type}, with every fragment in the message. */
    private static <T extends IrbisException> T readFails(Class<T> type, Path file, String... fragments) {
        return fails(type, () -> OnnxLoader.read(file).close(), fragments);
    }

    /** Loads (import and compile) and expects {@code type}. */
    private static <T extends IrbisException> T loadFails(Class<T> type, Path file, String... fragments) {
        return fails(type, () -> OnnxLoader.load(file).close(), fragments);
    }

    private static <T extends IrbisException> T fails(Class<T> type, org.junit.jupiter.api.function.Executable action, String... fragments) {
        T e = assertThrows(type, action);
        for (String f : fragments) {
            assertTrue(e.getMessage().contains(f), () -> "message lacks '" + f + "': " + e.getMessage());
        }
        return e;
    }

    // ---- not a model at all

    @Test
    void truncatedFile() throws IOException {
        byte[] whole = model(addWeight(floats("W", 2, 3).setRawData(ByteString.copyFrom(le(W))).build())).build().toByteArray();
        Path p = write("cut.onnx", Arrays.copyOf(whole, whole.length - 40));
        readFails(ModelFormatException.class, p, "cut.onnx", "truncated or corrupt");
    }

    @Test
    void randomBytes() throws IOException {
        byte[] junk = new byte[4096];
        new Random(42).nextBytes(junk);
        readFails(ModelFormatException.class, write("junk.onnx", junk), "junk.onnx");
    }

    @Test
    void emptyFile() throws IOException {
        readFails(ModelFormatException.class, write("empty.onnx", new byte[0]), "empty.onnx", "empty");
    }

    @Test
    void textFile() throws IOException {
        Path p = write("readme.onnx", "# My model\nThis is the README, not the model.\n".getBytes(java.nio.charset.StandardCharsets.UTF_8));
        readFails(ModelFormatException.class, p, "readme.onnx");
    }

    @Test
    void missingFileAndFolder() {
        readFails(ModelFormatException.class, dir.resolve("nothing.onnx"), "nothing.onnx", "no such file");
        readFails(ModelFormatException.class, dir, "not a regular file");
    }

    // ---- tensors whose sizes lie

    @Test
    void negativeDims() throws IOException {
        Path p = write(model(addWeight(floats("W", 2, -3).addAllFloatData(List.of(1f, 2f)).build())));
        readFails(ModelFormatException.class, p, "m.onnx", "tensor 'W'", "negative dimension");
    }

    @Test
    void dimsWhoseProductOverflows() throws IOException {
        Path p = write(model(addWeight(floats("W", 1L << 32, 1L << 32, 1L << 32).setRawData(ByteString.copyFrom(le(1))).build())));
        readFails(ModelFormatException.class, p, "m.onnx", "tensor 'W'", "overflows");
        // 2^60 elements fit a long, their bytes do not.
        p = write(model(addWeight(floats("W", 1L << 40, 1L << 20).setRawData(ByteString.copyFrom(le(1))).build())));
        readFails(ModelFormatException.class, p, "m.onnx", "tensor 'W'", "overflows");
    }

    @Test
    void rawDataSizeNotMatchingDims() throws IOException {
        Path p = write(model(addWeight(floats("W", 2, 3).setRawData(ByteString.copyFrom(le(1, 2, 3, 4, 5))).build())));
        readFails(ModelFormatException.class, p, "m.onnx", "tensor 'W'", "[2, 3]", "raw_data holds 20 bytes");
    }

    @Test
    void floatDataCountMismatch() throws IOException {
        Path p = write(model(addWeight(floats("W", 2, 3).addAllFloatData(List.of(1f, 2f, 3f, 4f, 5f, 6f, 7f)).build())));
        readFails(ModelFormatException.class, p, "m.onnx", "tensor 'W'", "holds 7 values");
    }

    @Test
    void hugeDimWithTinyDataAllocatesNothing() throws IOException {
        // 4 TiB declared, 4 bytes present: must be refused from the sizes alone, long before any allocation.
        long[] huge = {1L << 40};
        Path p = write(model(addWeight(floats("W", huge).setRawData(ByteString.copyFrom(le(1))).build())));
        readFails(ModelFormatException.class, p, "tensor 'W'", "raw_data holds 4 bytes");
        p = write(model(addWeight(floats("W", huge).addFloatData(1f).build())));
        readFails(ModelFormatException.class, p, "tensor 'W'", "holds 1 values");
        Files.write(dir.resolve("w.bin"), le(1));
        p = write(model(addWeight(external("W", "w.bin", -1, -1, huge))));
        readFails(ModelFormatException.class, p, "tensor 'W'", "w.bin");
        // The same inside a Constant node's attribute: the message names the node too.
        NodeProto constant = NodeProto.newBuilder().setName("const").setOpType("Constant").addOutput("C")
                .addAttribute(AttributeProto.newBuilder().setName("value").setType(AttributeProto.AttributeType.TENSOR)
                        .setT(floats("", huge).addFloatData(1f))).build();
        p = write(model(relu().addNode(constant)));
        readFails(ModelFormatException.class, p, "m.onnx", "node 'const' (Constant)", "attribute value", "holds 1 values");
    }

    // ---- operators and domains

    @Test
    void unknownOperator() throws IOException {
        Path p = write(model(GraphProto.newBuilder().addInput(value("X", 2)).addOutput(value("Y", 2))
                .addNode(node("frob", "Frobnicate", List.of("X"), List.of("Y")))));
        loadFails(UnsupportedOperatorException.class, p, "m.onnx", "node 'frob'", "Frobnicate", "domain ai.onnx", "opset 13");
    }

    @Test
    void unknownDomain() throws IOException {
        NodeProto n = node("custom", "Fancy", List.of("X"), List.of("Y")).toBuilder().setDomain("com.example").build();
        Path p = write(model(GraphProto.newBuilder().addInput(value("X", 2)).addOutput(value("Y", 2)).addNode(n)));
        readFails(UnsupportedOperatorException.class, p, "m.onnx", "node 'custom' (com.example.Fancy)", "com.example", "does not import");
        // Imported, but Irbis knows nothing of it.
        p = write(model(GraphProto.newBuilder().addInput(value("X", 2)).addOutput(value("Y", 2)).addNode(n))
                .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.example").setVersion(1)));
        loadFails(UnsupportedOperatorException.class, p, "m.onnx", "Fancy", "domain com.example", "opset 1");
    }

    // ---- graph structure

    @Test
    void missingNodeInput() throws IOException {
        Path p = write(model(GraphProto.newBuilder().addInput(value("X", 2)).addOutput(value("Y", 2))
                .addNode(node("add", "Add", List.of("X", "nowhere"), List.of("Y")))));
        readFails(ModelFormatException.class, p, "m.onnx", "node 'add' (Add)", "'nowhere'", "no node, input or initializer");
    }

    @Test
    void graphOutputNobodyProduces() throws IOException {
        Path p = write(model(relu().addOutput(value("Z", 2, 3))));
        readFails(ModelFormatException.class, p, "m.onnx", "graph output 'Z'", "not produced");
    }

    @Test
    void cycle() throws IOException {
        Path p = write(model(GraphProto.newBuilder().addInput(value("X", 2)).addOutput(value("Y", 2))
                .addNode(node("a", "Add", List.of("X", "B"), List.of("A")))
                .addNode(node("b", "Relu", List.of("A"), List.of("B")))
                .addNode(node("y", "Relu", List.of("A"), List.of("Y")))));
        readFails(ModelFormatException.class, p, "m.onnx", "cycle", "node 'a' (Add)", "node 'b' (Relu)");
    }

    @Test
    void duplicateNames() throws IOException {
        Path p = write(model(relu().addNode(node("again", "Relu", List.of("X"), List.of("Y")))));
        readFails(ModelFormatException.class, p, "m.onnx", "node 'again' (Relu)", "writes 'Y'", "already defined");
        TensorProto w = floats("W", 2, 3).setRawData(ByteString.copyFrom(le(W))).build();
        p = write(model(addWeight(w).addInitializer(w)));
        readFails(ModelFormatException.class, p, "m.onnx", "initializer 'W'", "more than once");
        p = write(model(relu().addInput(value("X", 2, 3))));
        readFails(ModelFormatException.class, p, "m.onnx", "graph input 'X'", "more than once");
        p = write(model(relu().addNode(node("shadow", "Relu", List.of("Y"), List.of("X")))));
        readFails(ModelFormatException.class, p, "m.onnx", "node 'shadow' (Relu)", "writes 'X'");
    }

    // ---- versions

    @Test
    void irVersionOutOfRange() throws IOException {
        for (long ir : new long[] {2, 14}) {
            Path p = write(model(relu()).setIrVersion(ir));
            readFails(UnsupportedOperatorException.class, p, "m.onnx", "IR version " + ir, "3 to 13");
        }
    }

    @Test
    void noDefaultDomainOpset() throws IOException {
        Path p = write(model(relu()).clearOpsetImport().addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("com.example").setVersion(1)));
        readFails(ModelFormatException.class, p, "m.onnx", "no opset of the default ONNX domain");
    }

    @Test
    void opsetNewerThanSupported() throws IOException {
        Path p = write(model(relu()).clearOpsetImport().addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(26)));
        loadFails(UnsupportedOperatorException.class, p, "m.onnx", "node 'relu' (Relu)", "opset 26", "7 to 25");
    }

    // ---- external data

    @Test
    void externalDataWithAbsoluteLocation() throws IOException {
        Path weights = Files.write(dir.resolve("w.bin"), le(W));
        Path p = write(model(addWeight(external("W", weights.toAbsolutePath().toString(), -1, -1, 2, 3))));
        readFails(ModelFormatException.class, p, "m.onnx", "tensor 'W'", "is absolute");
    }

    @Test
    void externalDataEscapingWithDotDot() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("model"));
        Files.write(dir.resolve("secret.bin"), le(W));
        Path p = sub.resolve("m.onnx");
        Files.write(p, model(addWeight(external("W", "../secret.bin", -1, -1, 2, 3))).build().toByteArray());
        readFails(ModelFormatException.class, p, "m.onnx", "tensor 'W'", "'../secret.bin'", "outside the model's folder");
        Files.write(p, model(addWeight(external("W", "a/../../secret.bin", -1, -1, 2, 3))).build().toByteArray());
        readFails(ModelFormatException.class, p, "outside the model's folder");
    }

    @Test
    void externalDataThroughASymlinkLeadingOut() throws IOException {
        Path sub = Files.createDirectories(dir.resolve("model"));
        Path secret = Files.write(dir.resolve("secret.bin"), le(W));
        try {
            Files.createSymbolicLink(sub.resolve("w.bin"), secret);
        } catch (UnsupportedOperationException | IOException e) {
            assumeTrue(false, "no symbolic links here: " + e);
        }
        Path p = sub.resolve("m.onnx");
        Files.write(p, model(addWeight(external("W", "w.bin", -1, -1, 2, 3))).build().toByteArray());
        readFails(ModelFormatException.class, p, "m.onnx", "tensor 'W'", "symbolic link");
    }

    @Test
    void missingExternalFile() throws IOException {
        Path p = write(model(addWeight(external("W", "gone.bin", -1, -1, 2, 3))));
        readFails(ModelFormatException.class, p, "m.onnx", "tensor 'W'", "gone.bin", "does not exist");
    }

    @Test
    void externalOffsetOrLengthPastTheEnd() throws IOException {
        Files.write(dir.resolve("w.bin"), le(W));
        Path p = write(model(addWeight(external("W", "w.bin", 100, -1, 2, 3))));
        readFails(ModelFormatException.class, p, "m.onnx", "tensor 'W'", "offset 100", "outside 'w.bin' (24 bytes)");
        p = write(model(addWeight(external("W", "w.bin", 8, 24, 2, 3))));
        readFails(ModelFormatException.class, p, "m.onnx", "tensor 'W'", "'w.bin' has 16 bytes after offset 8", "24 are needed");
        p = write(model(addWeight(external("W", "w.bin", 0, 12, 2, 3))));
        readFails(ModelFormatException.class, p, "m.onnx", "tensor 'W'", "external data length is 12");
    }

    @Test
    void validExternalDataLoadsAndRuns() throws IOException {
        // Eight bytes of something else first, so the offset is exercised.
        byte[] file = new byte[8 + 24];
        System.arraycopy(le(W), 0, file, 8, 24);
        Files.write(dir.resolve("weights.bin"), file);
        Path p = write(model(addWeight(external("W", "weights.bin", 8, 24, 2, 3))));
        float[] x = {0.5f, 0.5f, 0.5f, 0.5f, 0.5f, 0.5f};
        try (Model m = OnnxLoader.load(p)) {
            Map<String, Tensor> out = m.run(Map.of("X", Tensor.ofFloats(new long[] {2, 3}, x)));
            assertArrayEquals(new float[] {1.5f, 0, 3.5f, 0, 5.5f, 0}, out.get("Y").toFloatArray());
        }
    }
}
