package dev.irbis.kernels.elementwise;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Float32 elementwise functions over contiguous segments: {@code y[i] = f(x[i])} for {@code n}
 * floats from element offset 0. {@code x} and {@code y} may be the same segment. Single-threaded.
 */
public final class FloatUnary {
    /** The functions; those without a vector form run the scalar twin. */
    public enum Fn {
        SIGMOID, TANH, ERF, SQRT, RECIPROCAL, NEG, ABS, EXP, LOG, FLOOR, CEIL
    }

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private FloatUnary() {
    }

    public static void apply(Fn fn, MemorySegment x, MemorySegment y, long n) {
        long i = 0;
        if (hasVectorForm(fn)) {
            int len = S.length();
            long bound = n - n % len;
            for (; i < bound; i += len) {
                vector(fn, FloatVector.fromMemorySegment(S, x, i * 4, LE)).intoMemorySegment(y, i * 4, LE);
            }
        }
        for (; i < n; i++) {
            y.setAtIndex(F, i, scalar(fn, x.getAtIndex(F, i)));
        }
    }

    private static boolean hasVectorForm(Fn fn) {
        return fn != Fn.ERF && fn != Fn.FLOOR && fn != Fn.CEIL;
    }

    private static FloatVector vector(Fn fn, FloatVector v) {
        return switch (fn) {
            case SIGMOID -> FloatVector.broadcast(S, 1f).div(v.neg().lanewise(VectorOperators.EXP).add(1f));
            case TANH -> v.lanewise(VectorOperators.TANH);
            case SQRT -> v.lanewise(VectorOperators.SQRT);
            case RECIPROCAL -> FloatVector.broadcast(S, 1f).div(v);
            case NEG -> v.neg();
            case ABS -> v.abs();
            case EXP -> v.lanewise(VectorOperators.EXP);
            case LOG -> v.lanewise(VectorOperators.LOG);
            default -> throw new IllegalArgumentException(fn + " has no vector form");
        };
    }

    /** Scalar twin of {@link #apply}. */
    public static float scalar(Fn fn, float v) {
        return (float) scalar(fn, (double) v);
    }

    /** The functions in double precision (also the generic path for float16 and double tensors). */
    public static double scalar(Fn fn, double v) {
        return switch (fn) {
            case SIGMOID -> v >= 0 ? 1 / (1 + Math.exp(-v)) : Math.exp(v) / (1 + Math.exp(v));
            case TANH -> Math.tanh(v);
            case ERF -> Erf.erf(v);
            case SQRT -> Math.sqrt(v);
            case RECIPROCAL -> 1 / v;
            case NEG -> -v;
            case ABS -> Math.abs(v);
            case EXP -> Math.exp(v);
            case LOG -> Math.log(v);
            case FLOOR -> Math.floor(v);
            case CEIL -> Math.ceil(v);
        };
    }
}
