package dev.irbis.kernels.elementwise;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Elementwise activation kernels over contiguous float32 segments. Contract: {@code x} and {@code y}
 * hold at least {@code n} floats from offset 0; they may be the same segment (in place).
 */
public final class Activations {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

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
}
