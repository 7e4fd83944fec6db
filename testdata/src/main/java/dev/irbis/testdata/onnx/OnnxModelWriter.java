package dev.irbis.testdata.onnx;

import com.google.protobuf.ByteString;
import com.google.protobuf.CodedOutputStream;
import dev.irbis.loader.proto.Onnx.GraphProto;
import dev.irbis.loader.proto.Onnx.ModelProto;
import dev.irbis.loader.proto.Onnx.OperatorSetIdProto;
import dev.irbis.loader.proto.Onnx.StringStringEntryProto;
import dev.irbis.loader.proto.Onnx.TensorProto;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Writes a built graph as an ONNX file. With external data, every float initializer is streamed
 * (1M values at a time) to {@code <model>.data} beside the model at 4096-aligned offsets, and the model
 * holds only its location, offset and length: that is how models over protobuf's 2 GiB limit are stored.
 * Both files are written under temporary names and moved into place, the data file first, so a reader
 * never sees a partial model.
 */
public final class OnnxModelWriter {
    private static final int CHUNK = 1 << 20;
    private static final long ALIGN = 4096;

    private OnnxModelWriter() {
    }

    public static void write(OnnxGraphBuilder g, Path file, boolean externalData) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        String dataName = file.getFileName() + ".data";
        Path dataFile = dir.resolve(dataName);
        Path tmpModel = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
        Path tmpData = externalData ? Files.createTempFile(dir, dataName, ".tmp") : null;
        try {
            GraphProto.Builder graph = GraphProto.newBuilder().setName(g.graphName())
                    .addAllInput(g.inputs()).addAllOutput(g.outputs()).addAllNode(g.nodes());
            if (externalData) {
                try (FileChannel ch = FileChannel.open(tmpData, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
                    for (Object init : g.initializers()) {
                        graph.addInitializer(init instanceof OnnxGraphBuilder.FloatInitializer f
                                ? streamExternal(f, ch, dataName) : (TensorProto) init);
                    }
                    ch.force(false);
                }
            } else {
                for (Object init : g.initializers()) {
                    graph.addInitializer(init instanceof OnnxGraphBuilder.FloatInitializer f ? inline(f) : (TensorProto) init);
                }
            }
            ModelProto model = ModelProto.newBuilder()
                    .setIrVersion(irVersion(g.opset()))
                    .addOpsetImport(OperatorSetIdProto.newBuilder().setDomain("").setVersion(g.opset()))
                    .setProducerName(g.producer())
                    .setGraph(graph)
                    .build();
            try (OutputStream out = Files.newOutputStream(tmpModel)) {
                CodedOutputStream coded = CodedOutputStream.newInstance(out, 1 << 16);
                model.writeTo(coded);
                coded.flush();
            }
            if (externalData) {
                move(tmpData, dataFile);
            }
            move(tmpModel, file);
        } finally {
            Files.deleteIfExists(tmpModel);
            if (tmpData != null) {
                Files.deleteIfExists(tmpData);
            }
        }
    }

    /** The IR version that goes with an opset of the default domain (onnx/helper.py's table). */
    static long irVersion(int opset) {
        if (opset <= 8) {
            return 3;
        } else if (opset <= 9) {
            return 4;
        } else if (opset <= 10) {
            return 5;
        } else if (opset <= 11) {
            return 6;
        } else if (opset <= 14) {
            return 7;
        } else if (opset <= 18) {
            return 8;
        } else if (opset <= 20) {
            return 9;
        }
        return 10;
    }

    private static TensorProto inline(OnnxGraphBuilder.FloatInitializer f) {
        long count = f.count();
        if (count * 4 > Integer.MAX_VALUE) {
            throw new IllegalArgumentException("initializer '" + f.name() + "' (" + count + " floats) is too big to inline; use external data");
        }
        ByteBuffer buf = ByteBuffer.allocate((int) count * 4).order(ByteOrder.LITTLE_ENDIAN);
        fill(f, count, chunk -> buf.put(chunk));
        return Tensors.header(f.name(), f.dims(), Tensors.FLOAT).setRawData(ByteString.copyFrom(buf.array())).build();
    }

    private static TensorProto streamExternal(OnnxGraphBuilder.FloatInitializer f, FileChannel ch, String location) throws IOException {
        long offset = (ch.position() + ALIGN - 1) / ALIGN * ALIGN;
        ch.position(offset);
        long count = f.count();
        IOException[] failure = {null};
        fill(f, count, chunk -> {
            try {
                while (chunk.hasRemaining()) {
                    ch.write(chunk);
                }
            } catch (IOException e) {
                failure[0] = e;
                throw new java.io.UncheckedIOException(e);
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        return Tensors.header(f.name(), f.dims(), Tensors.FLOAT)
                .setDataLocation(TensorProto.DataLocation.EXTERNAL)
                .addExternalData(entry("location", location))
                .addExternalData(entry("offset", Long.toString(offset)))
                .addExternalData(entry("length", Long.toString(count * 4)))
                .build();
    }

    /** Pulls the values from the source chunk by chunk and hands each, as little-endian bytes, to the sink. */
    private static void fill(OnnxGraphBuilder.FloatInitializer f, long count, java.util.function.Consumer<ByteBuffer> sink) {
        FloatSource src = f.values().get();
        float[] chunk = new float[(int) Math.min(CHUNK, Math.max(count, 1))];
        ByteBuffer bytes = ByteBuffer.allocate(chunk.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (long done = 0; done < count; ) {
            int n = (int) Math.min(chunk.length, count - done);
            src.next(chunk, n);
            bytes.clear();
            bytes.asFloatBuffer().put(chunk, 0, n);
            bytes.limit(n * 4);
            sink.accept(bytes);
            done += n;
        }
    }

    private static StringStringEntryProto entry(String k, String v) {
        return StringStringEntryProto.newBuilder().setKey(k).setValue(v).build();
    }

    private static void move(Path from, Path to) throws IOException {
        try {
            Files.move(from, to, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(from, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
