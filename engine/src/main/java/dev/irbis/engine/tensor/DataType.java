package dev.irbis.engine.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Element types Irbis can hold, with their ONNX codes. Activations are FLOAT; shapes and indices
 * INT64; the rest exist so that real models and the conformance cases load and convert (Cast) cleanly.
 * The element accessors are the slow generic path; fast kernels read FLOAT segments directly.
 */
public enum DataType {
    FLOAT(1, 4),
    UINT8(2, 1),
    INT8(3, 1),
    UINT16(4, 2),
    INT16(5, 2),
    INT32(6, 4),
    INT64(7, 8),
    BOOL(9, 1),
    FLOAT16(10, 2),
    DOUBLE(11, 8),
    UINT32(12, 4),
    UINT64(13, 8);

    private static final ValueLayout.OfFloat F32 = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final ValueLayout.OfDouble F64 = ValueLayout.JAVA_DOUBLE_UNALIGNED;
    private static final ValueLayout.OfLong I64 = ValueLayout.JAVA_LONG_UNALIGNED;
    private static final ValueLayout.OfInt I32 = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort I16 = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfByte I8 = ValueLayout.JAVA_BYTE;

    private final int onnxCode;
    private final int byteSize;

    DataType(int onnxCode, int byteSize) {
        this.onnxCode = onnxCode;
        this.byteSize = byteSize;
    }

    public int onnxCode() {
        return onnxCode;
    }

    public int byteSize() {
        return byteSize;
    }

    public boolean isFloatingPoint() {
        return this == FLOAT || this == DOUBLE || this == FLOAT16;
    }

    public boolean isUnsigned() {
        return this == UINT8 || this == UINT16 || this == UINT32 || this == UINT64 || this == BOOL;
    }

    /** Returns the type for an ONNX TensorProto.DataType code, or null when Irbis has none. */
    public static DataType fromOnnx(int code) {
        for (DataType t : values()) {
            if (t.onnxCode == code) {
                return t;
            }
        }
        return null;
    }

    /** ONNX's name of a type code, also for the codes Irbis does not support (for error messages). */
    public static String onnxName(int code) {
        DataType t = fromOnnx(code);
        if (t != null) {
            return t.name();
        }
        return switch (code) {
            case 0 -> "UNDEFINED";
            case 8 -> "STRING";
            case 14 -> "COMPLEX64";
            case 15 -> "COMPLEX128";
            case 16 -> "BFLOAT16";
            case 17 -> "FLOAT8E4M3FN";
            case 18 -> "FLOAT8E4M3FNUZ";
            case 19 -> "FLOAT8E5M2";
            case 20 -> "FLOAT8E5M2FNUZ";
            case 21 -> "UINT4";
            case 22 -> "INT4";
            case 23 -> "FLOAT4E2M1";
            case 24 -> "FLOAT8E8M0";
            case 25 -> "UINT2";
            case 26 -> "INT2";
            default -> "type code " + code;
        };
    }

    /** Reads element {@code i} as a double (exact for every type but 64-bit integers beyond 2^53). */
    public double getDouble(MemorySegment s, long i) {
        return switch (this) {
            case FLOAT -> s.getAtIndex(F32, i);
            case DOUBLE -> s.getAtIndex(F64, i);
            case FLOAT16 -> Float.float16ToFloat(s.getAtIndex(I16, i));
            case UINT64 -> unsignedToDouble(s.getAtIndex(I64, i));
            default -> getLong(s, i);
        };
    }

    /** Reads element {@code i} as a long; floating types are truncated toward zero like a C cast. */
    public long getLong(MemorySegment s, long i) {
        return switch (this) {
            case FLOAT -> (long) s.getAtIndex(F32, i);
            case DOUBLE -> (long) s.getAtIndex(F64, i);
            case FLOAT16 -> (long) Float.float16ToFloat(s.getAtIndex(I16, i));
            case UINT8, BOOL -> Byte.toUnsignedLong(s.getAtIndex(I8, i));
            case INT8 -> s.getAtIndex(I8, i);
            case UINT16 -> Short.toUnsignedLong(s.getAtIndex(I16, i));
            case INT16 -> s.getAtIndex(I16, i);
            case INT32 -> s.getAtIndex(I32, i);
            case UINT32 -> Integer.toUnsignedLong(s.getAtIndex(I32, i));
            case INT64, UINT64 -> s.getAtIndex(I64, i);
        };
    }

    /** Writes a double, converting like a C cast (integers wrap to the type's width). */
    public void setDouble(MemorySegment s, long i, double v) {
        switch (this) {
            case FLOAT -> s.setAtIndex(F32, i, (float) v);
            case DOUBLE -> s.setAtIndex(F64, i, v);
            case FLOAT16 -> s.setAtIndex(I16, i, Float.floatToFloat16((float) v));
            case BOOL -> s.setAtIndex(I8, i, (byte) (v != 0 ? 1 : 0));
            case UINT64 -> s.setAtIndex(I64, i, doubleToUnsigned(v));
            default -> setLong(s, i, (long) v);
        }
    }

    /** Writes a long, wrapping to the type's width. */
    public void setLong(MemorySegment s, long i, long v) {
        switch (this) {
            case FLOAT -> s.setAtIndex(F32, i, (float) v);
            case DOUBLE -> s.setAtIndex(F64, i, (double) v);
            case FLOAT16 -> s.setAtIndex(I16, i, Float.floatToFloat16((float) v));
            case BOOL -> s.setAtIndex(I8, i, (byte) (v != 0 ? 1 : 0));
            case UINT8, INT8 -> s.setAtIndex(I8, i, (byte) v);
            case UINT16, INT16 -> s.setAtIndex(I16, i, (short) v);
            case INT32, UINT32 -> s.setAtIndex(I32, i, (int) v);
            case INT64, UINT64 -> s.setAtIndex(I64, i, v);
        }
    }

    private static double unsignedToDouble(long v) {
        double d = (double) (v >>> 1) * 2.0;
        return d + (v & 1);
    }

    private static long doubleToUnsigned(double v) {
        if (v < 9.223372036854775807E18) {
            return (long) v;
        }
        return (long) (v - 9.223372036854775807E18) + Long.MIN_VALUE;
    }
}
