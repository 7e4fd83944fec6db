package dev.irbis.testdata.onnx;

import com.google.protobuf.ByteString;
import dev.irbis.loader.proto.Onnx.TensorProto;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/** Small TensorProtos with their data inline as little-endian raw_data, as exporters write them. */
public final class Tensors {
    static final int FLOAT = 1;
    static final int INT64 = 7;

    private Tensors() {
    }

    public static TensorProto floats(String name, long[] dims, float[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        buf.asFloatBuffer().put(values);
        return header(name, dims, FLOAT).setRawData(ByteString.copyFrom(buf.array())).build();
    }

    public static TensorProto longs(String name, long[] dims, long[] values) {
        ByteBuffer buf = ByteBuffer.allocate(values.length * 8).order(ByteOrder.LITTLE_ENDIAN);
        buf.asLongBuffer().put(values);
        return header(name, dims, INT64).setRawData(ByteString.copyFrom(buf.array())).build();
    }

    /** A one-dimensional INT64 tensor (shapes, axes, pads). */
    public static TensorProto longs(String name, long... values) {
        return longs(name, new long[] {values.length}, values);
    }

    public static TensorProto scalar(String name, float v) {
        return floats(name, new long[0], new float[] {v});
    }

    static TensorProto.Builder header(String name, long[] dims, int type) {
        TensorProto.Builder b = TensorProto.newBuilder().setDataType(type);
        if (name != null) {
            b.setName(name);
        }
        for (long d : dims) {
            b.addDims(d);
        }
        return b;
    }
}
