package dev.irbis.bench;

/** One engine holding one model and one input batch: {@link #run} is the timed call. */
public interface Inference extends AutoCloseable {
    /** Runs the model once on the held input and returns something derived from the output (for the Blackhole). */
    Object run();

    /** Runs the model once and returns its first output as floats (for the correctness check, untimed). */
    float[] output();

    @Override
    void close();
}
