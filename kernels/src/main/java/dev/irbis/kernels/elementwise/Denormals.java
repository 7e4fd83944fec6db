package dev.irbis.kernels.elementwise;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Flushes subnormal floats to (signed) zero. Trained weights often hold them and they make CPU
 * arithmetic slow. {@link #count} lets a caller leave read-only mapped weights alone when they are clean.
 */
public final class Denormals {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private Denormals() {
    }

    /** Flushes {@code n} floats starting at byte {@code offset}; returns how many were flushed. */
    public static long flushToZero(MemorySegment s, long offset, long n) {
        long flushed = 0;
        long i = 0;
        long bound = n - n % S.length();
        FloatVector minNormal = FloatVector.broadcast(S, Float.MIN_NORMAL);
        for (; i < bound; i += S.length()) {
            long at = offset + i * 4;
            FloatVector v = FloatVector.fromMemorySegment(S, s, at, LE);
            VectorMask<Float> sub = v.abs().compare(VectorOperators.LT, minNormal).and(v.compare(VectorOperators.NE, 0f));
            if (sub.anyTrue()) {
                flushed += sub.trueCount();
                v.blend(v.mul(0f), sub).intoMemorySegment(s, at, LE);
            }
        }
        for (; i < n; i++) {
            long at = offset + i * 4;
            float v = s.get(ValueLayout.JAVA_FLOAT_UNALIGNED, at);
            if (isSubnormal(v)) {
                s.set(ValueLayout.JAVA_FLOAT_UNALIGNED, at, v * 0f);
                flushed++;
            }
        }
        return flushed;
    }

    /** Counts subnormals among {@code n} floats starting at byte {@code offset}, without writing. */
    public static long count(MemorySegment s, long offset, long n) {
        long found = 0;
        long i = 0;
        long bound = n - n % S.length();
        FloatVector minNormal = FloatVector.broadcast(S, Float.MIN_NORMAL);
        for (; i < bound; i += S.length()) {
            FloatVector v = FloatVector.fromMemorySegment(S, s, offset + i * 4, LE);
            found += v.abs().compare(VectorOperators.LT, minNormal).and(v.compare(VectorOperators.NE, 0f)).trueCount();
        }
        for (; i < n; i++) {
            if (isSubnormal(s.get(ValueLayout.JAVA_FLOAT_UNALIGNED, offset + i * 4))) {
                found++;
            }
        }
        return found;
    }

    public static boolean isSubnormal(float v) {
        return v != 0 && Math.abs(v) < Float.MIN_NORMAL;
    }
}
