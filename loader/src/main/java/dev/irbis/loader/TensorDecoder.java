package dev.irbis.loader;

import com.google.protobuf.ByteString;
import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.UnsupportedOperatorException;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.elementwise.Denormals;
import dev.irbis.loader.proto.Onnx.StringStringEntryProto;
import dev.irbis.loader.proto.Onnx.TensorProto;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.List;

/**
 * Turns a TensorProto into a Tensor. Every size is checked before anything is allocated: dims must
 * be non-negative, their product must not overflow, and the data present (raw bytes, typed fields or
 * external bytes) must hold exactly that many elements. Float weights have subnormals flushed to zero.
 */
public final class TensorDecoder {
    private final ExternalDataReader external;
    private final boolean flushDenormals;

    /**
     * A decoder for weights: subnormal floats are flushed to zero.
     *
     * @param external reader for external data, or null when the model has no folder (bytes in memory)
     */
    public TensorDecoder(ExternalDataReader external) {
        this(external, true);
    }

    /** @param flushDenormals false for data tensors (inputs, expected outputs), which must stay exact */
    public TensorDecoder(ExternalDataReader external, boolean flushDenormals) {
        this.external = external;
        this.flushDenormals = flushDenormals;
    }

    public Tensor decode(TensorProto p, String what) {
        String name = p.hasName() && !p.getName().isEmpty() ? p.getName() : what;
        DataType type = DataType.fromOnnx(p.getDataType());
        if (type == null) {
            throw new UnsupportedOperatorException("tensor '" + name + "' has element type "
                    + DataType.onnxName(p.getDataType()) + ", which Irbis does not support");
        }
        long[] dims = new long[p.getDimsCount()];
        for (int i = 0; i < dims.length; i++) {
            dims[i] = p.getDims(i);
            if (dims[i] < 0) {
                throw new ModelFormatException("tensor '" + name + "' has a negative dimension: " + p.getDimsList());
            }
        }
        long count;
        try {
            count = Shape.size(dims);
        } catch (RuntimeException e) {
            throw new ModelFormatException("tensor '" + name + "' has dims " + p.getDimsList() + " whose element count overflows");
        }
        if (count > Long.MAX_VALUE / 8) {
            throw new ModelFormatException("tensor '" + name + "' has dims " + p.getDimsList() + " whose byte size overflows");
        }
        if (p.hasSegment()) {
            throw new UnsupportedOperatorException("tensor '" + name + "' is segmented (TensorProto.segment), which Irbis does not support");
        }
        long bytes = count * type.byteSize();
        if (p.getDataLocation() == TensorProto.DataLocation.EXTERNAL) {
            return fromExternal(p, name, type, dims, bytes);
        }
        if (p.hasRawData()) {
            ByteString raw = p.getRawData();
            if (raw.size() != bytes) {
                throw new ModelFormatException("tensor '" + name + "' declares dims " + p.getDimsList() + " (" + bytes
                        + " bytes of " + type + ") but its raw_data holds " + raw.size() + " bytes");
            }
            Tensor t = Tensor.allocate(type, dims);
            t.data().copyFrom(MemorySegment.ofBuffer(raw.asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN)));
            flushDenormals(t);
            return t;
        }
        return fromTypedFields(p, name, type, dims, count);
    }

    private Tensor fromExternal(TensorProto p, String name, DataType type, long[] dims, long bytes) {
        if (external == null) {
            throw new ModelFormatException("tensor '" + name + "' keeps its data in an external file, but the model was not loaded from a file");
        }
        String location = null;
        long offset = 0;
        long length = -1;
        for (StringStringEntryProto e : p.getExternalDataList()) {
            switch (e.getKey()) {
                case "location" -> location = e.getValue();
                case "offset" -> offset = parseLong(name, "offset", e.getValue());
                case "length" -> length = parseLong(name, "length", e.getValue());
                default -> {
                    // "checksum" and future keys carry nothing Irbis needs.
                }
            }
        }
        if (length >= 0 && length != bytes) {
            throw new ModelFormatException("tensor '" + name + "' declares dims " + p.getDimsList() + " (" + bytes
                    + " bytes) but its external data length is " + length);
        }
        MemorySegment data = external.slice(name, location, offset, bytes);
        boolean aligned = data.address() % type.byteSize() == 0;
        boolean dirty = flushDenormals && type == DataType.FLOAT && Denormals.count(data, 0, bytes / 4) > 0;
        if (aligned && !dirty) {
            // Stays in the mapped file; once the weight is no longer needed (folded into another, say),
            // its pages leave the process's resident memory (the OS keeps them cached).
            return Tensor.lent(type, dims, data, TensorDecoder::unloadIfMapped);
        }
        Tensor t = Tensor.allocate(type, dims);
        t.data().copyFrom(data);
        flushDenormals(t);
        return t;
    }

    private static void unloadIfMapped(MemorySegment s) {
        if (s.isMapped() && s.byteSize() > 0) {
            s.unload();
        }
    }

    private static long parseLong(String name, String key, String v) {
        try {
            long x = Long.parseLong(v.trim());
            if (x < 0) {
                throw new NumberFormatException();
            }
            return x;
        } catch (NumberFormatException e) {
            throw new ModelFormatException("tensor '" + name + "': external data " + key + " '" + v + "' is not a non-negative integer");
        }
    }

    private Tensor fromTypedFields(TensorProto p, String name, DataType type, long[] dims, long count) {
        int present = switch (type) {
            case FLOAT -> p.getFloatDataCount();
            case DOUBLE -> p.getDoubleDataCount();
            case INT64 -> p.getInt64DataCount();
            case UINT32, UINT64 -> p.getUint64DataCount();
            default -> p.getInt32DataCount();
        };
        if (present != count) {
            throw new ModelFormatException("tensor '" + name + "' declares dims " + p.getDimsList() + " (" + count
                    + " elements of " + type + ") but holds " + present + " values");
        }
        Tensor t = Tensor.allocate(type, dims);
        MemorySegment s = t.data();
        int n = (int) count;
        switch (type) {
            case FLOAT -> {
                List<Float> v = p.getFloatDataList();
                for (int i = 0; i < n; i++) {
                    s.setAtIndex(ValueLayout.JAVA_FLOAT, i, v.get(i));
                }
                flushDenormals(t);
            }
            case DOUBLE -> {
                for (int i = 0; i < n; i++) {
                    s.setAtIndex(ValueLayout.JAVA_DOUBLE, i, p.getDoubleData(i));
                }
            }
            case INT64 -> {
                for (int i = 0; i < n; i++) {
                    s.setAtIndex(ValueLayout.JAVA_LONG, i, p.getInt64Data(i));
                }
            }
            case UINT32, UINT64 -> {
                for (int i = 0; i < n; i++) {
                    type.setLong(s, i, p.getUint64Data(i));
                }
            }
            case FLOAT16 -> {
                // int32_data holds the 16 raw bits of each value.
                for (int i = 0; i < n; i++) {
                    s.setAtIndex(ValueLayout.JAVA_SHORT, i, (short) p.getInt32Data(i));
                }
            }
            default -> {
                for (int i = 0; i < n; i++) {
                    type.setLong(s, i, p.getInt32Data(i));
                }
            }
        }
        return t;
    }

    private void flushDenormals(Tensor t) {
        if (flushDenormals && t.dataType() == DataType.FLOAT) {
            Denormals.flushToZero(t.data(), 0, t.size());
        }
    }
}
