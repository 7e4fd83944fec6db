package dev.irbis.testdata.onnx;

/**
 * A float tensor's values produced in order, a chunk at a time, so that weights bigger than the heap
 * (a 3.7 GB BiT-M R152x4) can be streamed to an external data file. Each call continues where the
 * previous one stopped; a fresh source starts again from the first element.
 */
@FunctionalInterface
public interface FloatSource {
    /** Writes the next {@code n} values into {@code chunk[0..n)}. */
    void next(float[] chunk, int n);

    /** A source reading an array already in memory. */
    static FloatSource of(float[] values) {
        int[] pos = {0};
        return (chunk, n) -> {
            System.arraycopy(values, pos[0], chunk, 0, n);
            pos[0] += n;
        };
    }
}
