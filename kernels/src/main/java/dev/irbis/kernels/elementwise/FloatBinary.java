package dev.irbis.kernels.elementwise;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 binary arithmetic over one row: {@code y[i] = a[i*sa] op b[i*sb]} where each operand
 * stride is 0 (a broadcast scalar) or 1 (contiguous). Offsets are in elements; {@code y} is
 * contiguous and may alias a contiguous operand. Single-threaded; callers split rows.
 */
public final class FloatBinary {
    /** The operators, with their vector form. */
    public enum Op {
        ADD(VectorOperators.ADD),
        SUB(VectorOperators.SUB),
        MUL(VectorOperators.MUL),
        DIV(VectorOperators.DIV),
        POW(VectorOperators.POW),
        MAX(VectorOperators.MAX),
        MIN(VectorOperators.MIN);

        final VectorOperators.Binary vector;

        Op(VectorOperators.Binary vector) {
            this.vector = vector;
        }
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private FloatBinary() {
    }

    /**
     * @param aStride 0 or 1
     * @param bStride 0 or 1
     */
    public static void row(Op op, MemorySegment a, long aOff, long aStride, MemorySegment b, long bOff, long bStride,
                           MemorySegment y, long yOff, long n) {
        if (aStride > 1 || bStride > 1 || aStride < 0 || bStride < 0) {
            throw new IllegalArgumentException("operand strides must be 0 or 1, got " + aStride + " and " + bStride);
        }
        int len = S.length();
        long bound = n - n % len;
        long i = 0;
        if (aStride == 1 && bStride == 1) {
            for (; i < bound; i += len) {
                FloatVector va = FloatVector.fromMemorySegment(S, a, (aOff + i) * 4, LE);
                FloatVector vb = FloatVector.fromMemorySegment(S, b, (bOff + i) * 4, LE);
                va.lanewise(op.vector, vb).intoMemorySegment(y, (yOff + i) * 4, LE);
            }
        } else if (aStride == 1) {
            FloatVector vb = FloatVector.broadcast(S, b.getAtIndex(F, bOff));
            for (; i < bound; i += len) {
                FloatVector.fromMemorySegment(S, a, (aOff + i) * 4, LE).lanewise(op.vector, vb)
                        .intoMemorySegment(y, (yOff + i) * 4, LE);
            }
        } else if (bStride == 1) {
            FloatVector va = FloatVector.broadcast(S, a.getAtIndex(F, aOff));
            for (; i < bound; i += len) {
                va.lanewise(op.vector, FloatVector.fromMemorySegment(S, b, (bOff + i) * 4, LE))
                        .intoMemorySegment(y, (yOff + i) * 4, LE);
            }
        } else {
            float v = scalar(op, a.getAtIndex(F, aOff), b.getAtIndex(F, bOff));
            for (; i < n; i++) {
                y.setAtIndex(F, yOff + i, v);
            }
            return;
        }
        for (; i < n; i++) {
            y.setAtIndex(F, yOff + i, scalar(op, a.getAtIndex(F, aOff + i * aStride), b.getAtIndex(F, bOff + i * bStride)));
        }
    }

    /** Scalar twin of {@link #row}: the same operation on one pair. */
    public static float scalar(Op op, float a, float b) {
        return switch (op) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> (float) Math.pow(a, b);
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
        };
    }
}
