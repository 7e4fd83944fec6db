package dev.irbis.testdata.onnx;

import com.google.protobuf.ByteString;
import dev.irbis.loader.proto.Onnx.AttributeProto;
import dev.irbis.loader.proto.Onnx.AttributeProto.AttributeType;
import dev.irbis.loader.proto.Onnx.TensorProto;

/** Node attributes, typed as ONNX expects them. */
public final class Attr {
    private Attr() {
    }

    public static AttributeProto i(String name, long v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.INT).setI(v).build();
    }

    public static AttributeProto f(String name, float v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.FLOAT).setF(v).build();
    }

    public static AttributeProto s(String name, String v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.STRING).setS(ByteString.copyFromUtf8(v)).build();
    }

    public static AttributeProto ints(String name, long... v) {
        AttributeProto.Builder b = AttributeProto.newBuilder().setName(name).setType(AttributeType.INTS);
        for (long x : v) {
            b.addInts(x);
        }
        return b.build();
    }

    public static AttributeProto t(String name, TensorProto v) {
        return AttributeProto.newBuilder().setName(name).setType(AttributeType.TENSOR).setT(v).build();
    }
}
