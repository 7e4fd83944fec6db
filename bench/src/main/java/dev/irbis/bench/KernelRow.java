package dev.irbis.bench;

/**
 * One measured kernel configuration: {@code kind} is {@code gemm} (shape {@code MxKxN}) or {@code conv} (a layer
 * name); times in microseconds per call, {@code flops} per call. {@code failure} as in {@link ModelRow}.
 */
public record KernelRow(String kind, String shape, int threads, String engine, double medianUs, double p90Us,
                        double flops, String failure) {

    public static KernelRow failed(String kind, String shape, int threads, String engine, double flops, String why) {
        return new KernelRow(kind, shape, threads, engine, Double.NaN, Double.NaN, flops, why);
    }

    public double gflops() {
        return flops / (medianUs * 1e3);
    }
}
