package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/** One element's raw bytes, for fills (Pad's constant, ConstantOfShape's value) of any data type. */
final class ElementBytes {
    private ElementBytes() {
    }

    /** {@code v} converted to {@code type} like a C cast. */
    static byte[] of(DataType type, double v) {
        byte[] b = new byte[type.byteSize()];
        type.setDouble(MemorySegment.ofArray(b), 0, v);
        return b;
    }

    /** Element {@code i} of {@code t}, bit for bit. */
    static byte[] of(Tensor t, long i) {
        int eb = t.dataType().byteSize();
        byte[] b = new byte[eb];
        MemorySegment.copy(t.data(), i * eb, MemorySegment.ofArray(b), 0, eb);
        return b;
    }

    static boolean isZero(byte[] b) {
        for (byte x : b) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
