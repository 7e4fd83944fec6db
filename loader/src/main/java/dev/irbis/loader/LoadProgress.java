package dev.irbis.loader;

/**
 * Hears how far loading a model has got, for a progress bar on big models. Called on the loading
 * thread, once per weight tensor decoded, so it must be quick. {@link #NONE} is what the plain
 * {@code load}/{@code read} methods use; with it the loader skips the bookkeeping entirely.
 */
@FunctionalInterface
public interface LoadProgress {
    LoadProgress NONE = (tensorsDone, tensorsTotal, bytesDone, bytesTotal) -> { };

    /**
     * After each initializer is decoded.
     *
     * @param bytesDone bytes of weight data decoded so far (elements times element size)
     * @param bytesTotal bytes of all initializers, as their dims declare
     */
    void weightsRead(int tensorsDone, int tensorsTotal, long bytesDone, long bytesTotal);

    /** After the last weight, when the graph is being compiled (optimisation passes); only from {@code load}. */
    default void compiling() {
    }
}
