package dev.irbis.bench;

/**
 * One measured model configuration; times in milliseconds per call (a call runs the whole batch).
 * {@code error} is JMH's 99.9% confidence half-width of the mean. {@code failure} is non-null when the
 * configuration did not produce a result (then the times are NaN).
 */
public record ModelRow(String model, int batch, int threads, String engine, double medianMs, double p90Ms, double errorMs,
                       long samples, String failure) {

    public static ModelRow failed(String model, int batch, int threads, String engine, String why) {
        return new ModelRow(model, batch, threads, engine, Double.NaN, Double.NaN, Double.NaN, 0, why);
    }

    public double imagesPerSecond() {
        return batch * 1000.0 / medianMs;
    }
}
