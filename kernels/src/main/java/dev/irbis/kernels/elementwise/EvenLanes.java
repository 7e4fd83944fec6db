package dev.irbis.kernels.elementwise;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The even-indexed elements of two consecutive vectors, in order: what a stride-2 read of a row gives, one
 * two-vector permute (vpermi2ps with AVX-512) instead of a lane-by-lane copy. For the preferred species only.
 */
public final class EvenLanes {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    /** Lane i holds 2i: an index into the concatenation of the two vectors. */
    private static final FloatVector INDEXES = FloatVector.fromArray(S, indexes(), 0);

    private EvenLanes() {
    }

    private static float[] indexes() {
        float[] idx = new float[S.length()];
        for (int i = 0; i < idx.length; i++) {
            idx[i] = 2 * i;
        }
        return idx;
    }

    /** Lane i of the result is element 2i of {@code lo} followed by {@code hi}. */
    public static FloatVector of(FloatVector lo, FloatVector hi) {
        return INDEXES.selectFrom(lo, hi);
    }
}
