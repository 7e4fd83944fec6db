package dev.irbis.loader;

import dev.irbis.engine.ModelFormatException;
import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Reads ONNX external data: files beside the model, named by a tensor's {@code location}. Each file is
 * mapped once, read-only, so weights stay in the page cache instead of being copied onto the heap
 * (a tensor that needs changing, such as one holding subnormals, is copied by its decoder). A
 * location must stay inside the model's folder: absolute paths, {@code ..} and symbolic links
 * leading out are refused. The mappings live until {@link #close}.
 */
public final class ExternalDataReader implements AutoCloseable {
    private final Path baseDir;
    private final Path realBaseDir;
    private final Arena arena = Arena.ofShared();
    private final Map<Path, MemorySegment> mapped = new HashMap<>();

    public ExternalDataReader(Path modelFile) throws IOException {
        Path parent = modelFile.toAbsolutePath().getParent();
        this.baseDir = parent;
        this.realBaseDir = parent.toRealPath();
    }

    /** The bytes {@code [offset, offset + length)} of {@code location}; length -1 means to the end. */
    public MemorySegment slice(String tensorName, String location, long offset, long length) {
        Path file = resolve(tensorName, location);
        MemorySegment whole = mapped.computeIfAbsent(file, f -> map(tensorName, f));
        long size = whole.byteSize();
        if (offset < 0 || offset > size) {
            throw new ModelFormatException("tensor '" + tensorName + "': external data offset " + offset
                    + " is outside '" + location + "' (" + size + " bytes)");
        }
        long len = length < 0 ? size - offset : length;
        if (len > size - offset) {
            throw new ModelFormatException("tensor '" + tensorName + "': external data '" + location + "' has "
                    + (size - offset) + " bytes after offset " + offset + " but " + len + " are needed (truncated file?)");
        }
        return whole.asSlice(offset, len);
    }

    private Path resolve(String tensorName, String location) {
        if (location == null || location.isEmpty()) {
            throw new ModelFormatException("tensor '" + tensorName + "' has external data without a 'location'");
        }
        if (location.indexOf('\0') >= 0) {
            throw new ModelFormatException("tensor '" + tensorName + "': external data location contains a NUL character");
        }
        Path rel;
        try {
            rel = Path.of(location);
        } catch (java.nio.file.InvalidPathException e) {
            throw new ModelFormatException("tensor '" + tensorName + "': invalid external data location '" + location + "'");
        }
        if (rel.isAbsolute() || location.startsWith("/") || location.startsWith("\\")) {
            throw new ModelFormatException("tensor '" + tensorName + "': external data location '" + location
                    + "' is absolute; it must be relative to the model's folder");
        }
        Path file = baseDir.resolve(rel).normalize();
        if (!file.startsWith(baseDir)) {
            throw new ModelFormatException("tensor '" + tensorName + "': external data location '" + location
                    + "' points outside the model's folder");
        }
        Path real;
        try {
            real = file.toRealPath();
        } catch (NoSuchFileException e) {
            throw new ModelFormatException("tensor '" + tensorName + "': external data file '" + file + "' does not exist");
        } catch (IOException e) {
            throw new ModelFormatException("tensor '" + tensorName + "': cannot read external data file '" + file + "': " + e.getMessage());
        }
        if (!real.startsWith(realBaseDir)) {
            throw new ModelFormatException("tensor '" + tensorName + "': external data location '" + location
                    + "' leads outside the model's folder (through a symbolic link)");
        }
        if (!Files.isRegularFile(real)) {
            throw new ModelFormatException("tensor '" + tensorName + "': external data '" + location + "' is not a regular file");
        }
        return real;
    }

    private MemorySegment map(String tensorName, Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            if (size == 0) {
                return MemorySegment.ofArray(new byte[0]);
            }
            return ch.map(FileChannel.MapMode.READ_ONLY, 0, size, arena);
        } catch (IOException e) {
            throw new ModelFormatException("tensor '" + tensorName + "': cannot map external data file '" + file + "': " + e.getMessage());
        }
    }

    @Override
    public void close() {
        arena.close();
    }
}
