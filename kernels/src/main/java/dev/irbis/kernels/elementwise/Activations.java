package dev.irbis.kernels.elementwise;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise activation kernels over contiguous float32 segments. Contract: {@code x} and {@code y}
 * hold at least {@code n} floats from offset 0; they may be the same segment (in place).
 */
public final class Activations {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private Activations() {
    }

    public static void relu(MemorySegment x, MemorySegment y, long n) {
        FloatVector zero = FloatVector.zero(S);
        long i = 0;
        long bound = n - n % S.length();
        for (; i < bound; i += S.length()) {
            FloatVector.fromMemorySegment(S, x, i * 4, LE).max(zero).intoMemorySegment(y, i * 4, LE);
        }
        for (; i < n; i++) {
            y.setAtIndex(ValueLayout.JAVA_FLOAT, i, reluScalar(x.getAtIndex(ValueLayout.JAVA_FLOAT, i)));
        }
    }

    /** Scalar twin of {@link #relu}. NaN stays NaN, as with the vector max. */
    public static float reluScalar(float v) {
        return Float.isNaN(v) ? v : Math.max(v, 0f);
    }

    /** {@code y = x < 0 ? alpha * x : x}. */
    public static void leakyRelu(MemorySegment x, MemorySegment y, long n, float alpha) {
        long i = 0;
        long bound = n - n % S.length();
        for (; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromMemorySegment(S, x, i * 4, LE);
            v.blend(v.mul(alpha), v.compare(VectorOperators.LT, 0f)).intoMemorySegment(y, i * 4, LE);
        }
        for (; i < n; i++) {
            y.setAtIndex(F, i, leakyReluScalar(x.getAtIndex(F, i), alpha));
        }
    }

    public static float leakyReluScalar(float v, float alpha) {
        return v < 0 ? alpha * v : v;
    }

    /** {@code y = min(max(x, lo), hi)}; when {@code lo > hi} every element becomes {@code hi}, as in numpy. */
    public static void clip(MemorySegment x, MemorySegment y, long n, float lo, float hi) {
        long i = 0;
        long bound = n - n % S.length();
        FloatVector vlo = FloatVector.broadcast(S, lo);
        FloatVector vhi = FloatVector.broadcast(S, hi);
        for (; i < bound; i += S.length()) {
            FloatVector.fromMemorySegment(S, x, i * 4, LE).max(vlo).min(vhi).intoMemorySegment(y, i * 4, LE);
        }
        for (; i < n; i++) {
            y.setAtIndex(F, i, clipScalar(x.getAtIndex(F, i), lo, hi));
        }
    }

    public static float clipScalar(float v, float lo, float hi) {
        return Math.min(Math.max(v, lo), hi);
    }
}
