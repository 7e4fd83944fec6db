package dev.irbis.loader;

import com.google.protobuf.CodedInputStream;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.irbis.engine.IrbisException;
import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.api.Model;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.proto.Onnx.ModelProto;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Loads ONNX files. The file is memory-mapped and parsed in place (protobuf aliases the mapped bytes),
 * weights are copied once into native memory or, when kept in external data files, left mapped.
 * Every error names the file, and the node, tensor or field it concerns.
 */
public final class OnnxLoader {
    /** Protobuf cannot address more; bigger models keep their weights in external data files. */
    private static final long MAX_PROTO_BYTES = Integer.MAX_VALUE;
    private static final int RECURSION_LIMIT = 64;

    private OnnxLoader() {
    }

    /** Loads and compiles a model with default options (all cores, optimisation on, OpenBLAS). */
    public static Model load(Path file) {
        return load(file, Model.Options.defaults());
    }

    public static Model load(Path file, Model.Options options) {
        return load(file, options, LoadProgress.NONE);
    }

    /** As {@link #load(Path, Model.Options)}, telling {@code progress} how far reading the weights has got. */
    public static Model load(Path file, Model.Options options, LoadProgress progress) {
        LoadedGraph loaded = read(file, progress);
        try {
            progress.compiling();
            return new Model(loaded.graph(), loaded.resources(), options);
        } catch (IrbisException e) {
            throw e.addContext(file.getFileName().toString());
        }
    }

    /** Reads a model file into a graph without compiling it. */
    public static LoadedGraph read(Path file) {
        return read(file, LoadProgress.NONE);
    }

    /** As {@link #read(Path)}, telling {@code progress} about each weight tensor decoded. */
    public static LoadedGraph read(Path file, LoadProgress progress) {
        String label = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        List<Tensor> created = new ArrayList<>();
        ExternalDataReader external = null;
        try {
            external = new ExternalDataReader(file);
            ModelProto proto;
            try (Arena arena = Arena.ofConfined()) {
                proto = parse(file, arena);
                Graph graph = new GraphImporter(new TensorDecoder(external)).importModel(proto, created, progress);
                return new LoadedGraph(file, graph, proto.getIrVersion(), proto.getProducerName()
                        + (proto.getProducerVersion().isEmpty() ? "" : " " + proto.getProducerVersion()), List.of(external));
            }
        } catch (IrbisException e) {
            cleanUp(created, external);
            throw e.addContext(label);
        } catch (IOException e) {
            cleanUp(created, external);
            throw new ModelFormatException(label + ": cannot read the file: " + e.getMessage(), e);
        } catch (RuntimeException e) {
            cleanUp(created, external);
            throw new ModelFormatException(label + ": cannot load the model: " + e, e);
        }
    }

    /** Parses ModelProto from bytes already in memory (no external data possible). */
    public static LoadedGraph read(byte[] bytes, String label) {
        List<Tensor> created = new ArrayList<>();
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setRecursionLimit(RECURSION_LIMIT);
            ModelProto proto = ModelProto.parseFrom(in);
            Graph graph = new GraphImporter(new TensorDecoder(null)).importModel(proto, created);
            return new LoadedGraph(Path.of(label), graph, proto.getIrVersion(), proto.getProducerName(), List.of());
        } catch (InvalidProtocolBufferException e) {
            created.forEach(Tensor::close);
            throw new ModelFormatException(label + ": not a valid ONNX file (truncated or corrupt protobuf: " + e.getMessage() + ")", e);
        } catch (IrbisException e) {
            created.forEach(Tensor::close);
            throw e.addContext(label);
        } catch (java.io.IOException e) {
            created.forEach(Tensor::close);
            throw new ModelFormatException(label + ": cannot read the model: " + e.getMessage(), e);
        }
    }

    private static ModelProto parse(Path file, Arena arena) throws IOException {
        if (!Files.exists(file)) {
            throw new ModelFormatException("no such file");
        }
        if (!Files.isRegularFile(file)) {
            throw new ModelFormatException("not a regular file");
        }
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                throw new ModelFormatException("the file is empty, not an ONNX model");
            }
            if (size > MAX_PROTO_BYTES) {
                throw new ModelFormatException("the file is " + size + " bytes; a single ONNX protobuf cannot exceed 2 GiB"
                        + " (larger models keep their weights in external data files)");
            }
            MemorySegment mapped = ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
            CodedInputStream in = CodedInputStream.newInstance(mapped.asByteBuffer());
            in.enableAliasing(true);
            in.setRecursionLimit(RECURSION_LIMIT);
            try {
                return ModelProto.parseFrom(in);
            } catch (InvalidProtocolBufferException e) {
                throw new ModelFormatException("not a valid ONNX file (truncated or corrupt protobuf: " + e.getMessage() + ")", e);
            }
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("no such file");
        }
    }

    private static void cleanUp(List<Tensor> created, ExternalDataReader external) {
        created.forEach(Tensor::close);
        if (external != null) {
            external.close();
        }
    }
}
