package dev.irbis.testdata.models;

import java.util.SplittableRandom;

/** Seeded N(0, 1) input images, the same in calibration and in tests for a given seed. */
public final class RandomInput {
    private RandomInput() {
    }

    public static float[] gaussian(long seed, int count) {
        SplittableRandom r = new SplittableRandom(seed);
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }
}
