package dev.irbis.loader.io;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.foreign.MemorySegment;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * NumPy {@code .npy} files (format versions 1 to 3), little-endian C-order arrays of the types Irbis
 * holds. Reading checks the header and the data size against the file before allocating; writing goes
 * to a temporary file that is moved into place, so a failure never leaves a partial file.
 */
public final class NpyFormat {
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final int MAX_HEADER = 1 << 16;
    private static final Pattern DESCR = Pattern.compile("'descr'\\s*:\\s*'([^']*)'");
    private static final Pattern FORTRAN = Pattern.compile("'fortran_order'\\s*:\\s*(True|False)");
    private static final Pattern SHAPE = Pattern.compile("'shape'\\s*:\\s*\\(([^)]*)\\)");

    private NpyFormat() {
    }

    public static Tensor read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        return read(bytes, file.toString());
    }

    public static Tensor read(byte[] bytes, String label) {
        ByteBuffer buf = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
        if (bytes.length < 10 || !java.util.Arrays.equals(bytes, 0, 6, MAGIC, 0, 6)) {
            throw new ModelFormatException(label + ": not a NumPy .npy file (bad magic)");
        }
        int major = bytes[6];
        long headerLen;
        int headerStart;
        if (major == 1) {
            headerLen = Short.toUnsignedInt(buf.getShort(8));
            headerStart = 10;
        } else if (major == 2 || major == 3) {
            if (bytes.length < 12) {
                throw new ModelFormatException(label + ": truncated .npy header");
            }
            headerLen = Integer.toUnsignedLong(buf.getInt(8));
            headerStart = 12;
        } else {
            throw new ModelFormatException(label + ": unsupported .npy format version " + major);
        }
        if (headerLen > MAX_HEADER || headerStart + headerLen > bytes.length) {
            throw new ModelFormatException(label + ": truncated or oversized .npy header");
        }
        String header = new String(bytes, headerStart, (int) headerLen, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        Matcher d = DESCR.matcher(header);
        Matcher f = FORTRAN.matcher(header);
        Matcher s = SHAPE.matcher(header);
        if (!d.find() || !f.find() || !s.find()) {
            throw new ModelFormatException(label + ": malformed .npy header: " + header.strip());
        }
        if (f.group(1).equals("True")) {
            throw new ModelFormatException(label + ": Fortran-order arrays are not supported; save with numpy.ascontiguousarray");
        }
        DataType type = typeOf(d.group(1), label);
        long[] shape = parseShape(s.group(1), label);
        long count = Shape.size(shape);
        long dataStart = headerStart + headerLen;
        long available = bytes.length - dataStart;
        if (count > available / type.byteSize() || count * type.byteSize() != available) {
            throw new ModelFormatException(label + ": .npy header declares shape " + Shape.format(shape) + " of " + d.group(1)
                    + " but the file holds " + available + " data bytes");
        }
        Tensor t = Tensor.allocateCollected(type, shape);
        MemorySegment.copy(MemorySegment.ofArray(bytes), dataStart, t.data(), 0, available);
        return t;
    }

    private static long[] parseShape(String s, String label) {
        List<Long> dims = new ArrayList<>();
        for (String part : s.split(",")) {
            String p = part.strip();
            if (p.isEmpty()) {
                continue;
            }
            if (p.endsWith("L")) {
                p = p.substring(0, p.length() - 1);
            }
            try {
                long v = Long.parseLong(p);
                if (v < 0) {
                    throw new NumberFormatException();
                }
                dims.add(v);
            } catch (NumberFormatException e) {
                throw new ModelFormatException(label + ": bad .npy shape (" + s + ")");
            }
        }
        return dims.stream().mapToLong(Long::longValue).toArray();
    }

    private static DataType typeOf(String descr, String label) {
        if (descr.length() < 2) {
            throw new ModelFormatException(label + ": bad .npy dtype '" + descr + "'");
        }
        char order = descr.charAt(0);
        String code = descr.substring(1);
        if (order == '>' && !code.endsWith("1")) {
            throw new ModelFormatException(label + ": big-endian arrays are not supported (dtype '" + descr + "'); save with '<' byte order");
        }
        return switch (code) {
            case "f4" -> DataType.FLOAT;
            case "f8" -> DataType.DOUBLE;
            case "f2" -> DataType.FLOAT16;
            case "i8" -> DataType.INT64;
            case "i4" -> DataType.INT32;
            case "i2" -> DataType.INT16;
            case "i1" -> DataType.INT8;
            case "u8" -> DataType.UINT64;
            case "u4" -> DataType.UINT32;
            case "u2" -> DataType.UINT16;
            case "u1" -> DataType.UINT8;
            case "b1" -> DataType.BOOL;
            default -> throw new ModelFormatException(label + ": .npy dtype '" + descr + "' is not supported");
        };
    }

    private static String descrOf(DataType t) {
        return switch (t) {
            case FLOAT -> "<f4";
            case DOUBLE -> "<f8";
            case FLOAT16 -> "<f2";
            case INT64 -> "<i8";
            case INT32 -> "<i4";
            case INT16 -> "<i2";
            case INT8 -> "|i1";
            case UINT64 -> "<u8";
            case UINT32 -> "<u4";
            case UINT16 -> "<u2";
            case UINT8 -> "|u1";
            case BOOL -> "|b1";
        };
    }

    /** Writes a version 1.0 .npy file atomically (temporary file, then move). */
    public static void write(Path file, Tensor t) throws IOException {
        StringBuilder shape = new StringBuilder("(");
        for (int i = 0; i < t.rank(); i++) {
            shape.append(t.dim(i)).append(t.rank() == 1 ? "," : i + 1 < t.rank() ? ", " : "");
        }
        shape.append(')');
        String dict = "{'descr': '" + descrOf(t.dataType()) + "', 'fortran_order': False, 'shape': " + shape + ", }";
        int unpadded = 10 + dict.length() + 1;
        int pad = (64 - unpadded % 64) % 64;
        String header = dict + " ".repeat(pad) + "\n";
        Path dir = file.toAbsolutePath().getParent();
        Path tmp = Files.createTempFile(dir, "." + file.getFileName(), ".tmp");
        try {
            try (OutputStream out = Files.newOutputStream(tmp)) {
                out.write(MAGIC);
                out.write(new byte[] {1, 0, (byte) (header.length() & 0xff), (byte) (header.length() >> 8)});
                out.write(header.getBytes(StandardCharsets.ISO_8859_1));
                Channels.newChannel(out).write(t.data().asByteBuffer());
            }
            try {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
            }
        } finally {
            Files.deleteIfExists(tmp);
        }
    }
}
