package dev.irbis.testdata.models;

import dev.irbis.testdata.onnx.FloatSource;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * Seeded weights. Each tensor draws from its own generator, seeded from the model seed and the tensor's
 * name, so its values do not depend on the order in which tensors are built or written, and a model
 * built twice (with and without its head) has the same body.
 */
public final class Weights {
    private final long seed;

    public Weights(long seed) {
        this.seed = seed;
    }

    public SplittableRandom random(String name) {
        long h = 0xcbf29ce484222325L;
        for (int i = 0; i < name.length(); i++) {
            h = (h ^ name.charAt(i)) * 0x100000001b3L;
        }
        return new SplittableRandom(seed * 0x9E3779B97F4A7C15L ^ h);
    }

    /** N(mean, std^2) values, streamed. */
    public Supplier<FloatSource> gaussian(String name, double mean, double std) {
        return () -> {
            SplittableRandom r = random(name);
            return (chunk, n) -> {
                for (int i = 0; i < n; i++) {
                    chunk[i] = (float) (mean + std * r.nextGaussian());
                }
            };
        };
    }

    /** N(mean, std^2) values in memory (small tensors and those the generator transforms). */
    public float[] gaussianArray(String name, int count, double mean, double std) {
        float[] v = new float[count];
        gaussian(name, mean, std).get().next(v, count);
        return v;
    }

    public float[] uniform(String name, int count, double lo, double hi) {
        SplittableRandom r = random(name);
        float[] v = new float[count];
        for (int i = 0; i < count; i++) {
            v[i] = (float) r.nextDouble(lo, hi);
        }
        return v;
    }
}
