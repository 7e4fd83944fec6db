package dev.irbis.loader.io;

import com.google.protobuf.CodedInputStream;
import dev.irbis.engine.IrbisException;
import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.TensorDecoder;
import dev.irbis.loader.proto.Onnx.TensorProto;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Reads tensors from files: NumPy {@code .npy}, or a serialized ONNX TensorProto ({@code .pb}). */
public final class TensorFiles {
    private TensorFiles() {
    }

    /** Reads by extension: {@code .npy} as NumPy, anything else as a TensorProto. */
    public static Tensor read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".npy") ? NpyFormat.read(file) : readTensorProto(file);
    }

    public static Tensor readTensorProto(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        TensorProto p;
        try {
            CodedInputStream in = CodedInputStream.newInstance(bytes);
            in.setRecursionLimit(16);
            p = TensorProto.parseFrom(in);
        } catch (IOException e) {
            throw new ModelFormatException(file + ": not a serialized ONNX TensorProto (" + e.getMessage() + ")", e);
        }
        try (Tensor owned = new TensorDecoder(null, false).decode(p, file.getFileName().toString())) {
            return owned.copyCollected();
        } catch (IrbisException e) {
            throw e.addContext(file.toString());
        }
    }
}
