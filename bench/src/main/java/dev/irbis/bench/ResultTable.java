package dev.irbis.bench;

import java.util.List;
import java.util.Locale;

/**
 * The markdown result file: the machine and the run's settings, a table of models (median and p90 time
 * per call, images/s, and time relative to ONNX Runtime measured in the same run) and a table of kernels
 * (GFLOP/s and relative to OpenBLAS at the same shape and threads).
 */
public final class ResultTable {
    private ResultTable() {
    }

    public static String markdown(String title, List<String> header, List<ModelRow> models, List<KernelRow> kernels,
                                  List<String> notes) {
        StringBuilder sb = new StringBuilder();
        sb.append("# ").append(title).append("\n\n");
        header.forEach(h -> sb.append("- ").append(h).append('\n'));
        if (!models.isEmpty()) {
            sb.append("\n## Models\n\n");
            sb.append("Median (p50) and p90 of the time per call over all measured samples (JMH SampleTime); one call runs the ")
                    .append("whole batch. ± is JMH's 99.9% confidence half-width of the mean. images/s = batch / median. ")
                    .append("time / ORT = this median / ONNX Runtime's median at the same model, batch and threads ")
                    .append("(below 1: faster than ORT).\n\n");
            sb.append("| model | batch | threads | engine | median ms | p90 ms | ± ms | images/s | time / ORT |\n");
            sb.append("|---|---:|---:|---|---:|---:|---:|---:|---:|\n");
            for (ModelRow r : models) {
                sb.append("| ").append(r.model()).append(" | ").append(r.batch()).append(" | ").append(r.threads())
                        .append(" | ").append(r.engine()).append(" | ");
                if (r.failure() != null) {
                    sb.append("failed: ").append(cell(r.failure())).append(" | | | | |\n");
                    continue;
                }
                ModelRow ort = models.stream().filter(o -> o.engine().equals(Engine.ORT.id()) && o.failure() == null
                        && o.model().equals(r.model()) && o.batch() == r.batch() && o.threads() == r.threads()).findFirst().orElse(null);
                sb.append(num(r.medianMs())).append(" | ").append(num(r.p90Ms())).append(" | ").append(num(r.errorMs()))
                        .append(" | ").append(num(r.imagesPerSecond())).append(" | ")
                        .append(ort == null ? "–" : fixed(r.medianMs() / ort.medianMs())).append(" |\n");
            }
        }
        if (!kernels.isEmpty()) {
            sb.append("\n## Kernels\n\n");
            sb.append("gemm: row-major sgemm C[M,N] = A[M,K] B[K,N] at ResNet-50 conv shapes (M x K x N); openblas runs on its own threads. ")
                    .append("conv: the layer through Irbis's Conv operator at batch 1, as a model runs it (each engine's GEMM as in a model: ")
                    .append("openblas single-threaded per call, split over Irbis's threads; Winograd F(4x4, 3x3), or F(2x2, 3x3) on small maps, for 3x3 stride 1, ")
                    .append("the direct few-channel kernel for the 3-channel stem, and on maps of at most 64 outputs the Vector API GEMM ")
                    .append("on prepacked weights, so the same kernel under both engines; ")
                    .append("otherwise im2col + GEMM). GFLOP/s from the median time, ")
                    .append("counting a direct convolution's multiply-adds for every kernel; ")
                    .append("vs OpenBLAS = GFLOP/s / OpenBLAS's GFLOP/s at the same shape and threads (above 1: faster).\n\n");
            sb.append("| kernel | shape | threads | engine | median µs | p90 µs | GFLOP/s | vs OpenBLAS |\n");
            sb.append("|---|---|---:|---|---:|---:|---:|---:|\n");
            for (KernelRow r : kernels) {
                sb.append("| ").append(r.kind()).append(" | ").append(r.shape()).append(" | ").append(r.threads())
                        .append(" | ").append(r.engine()).append(" | ");
                if (r.failure() != null) {
                    sb.append("failed: ").append(cell(r.failure())).append(" | | | |\n");
                    continue;
                }
                KernelRow base = kernels.stream().filter(o -> o.engine().equals(KernelGemm.OPENBLAS.id()) && o.failure() == null
                        && o.kind().equals(r.kind()) && o.shape().equals(r.shape()) && o.threads() == r.threads()).findFirst().orElse(null);
                sb.append(num(r.medianUs())).append(" | ").append(num(r.p90Us())).append(" | ").append(num(r.gflops()))
                        .append(" | ").append(base == null ? "–" : fixed(r.gflops() / base.gflops())).append(" |\n");
            }
        }
        if (!notes.isEmpty()) {
            sb.append("\n## Notes\n\n");
            notes.forEach(n -> sb.append("- ").append(n).append('\n'));
        }
        return sb.toString();
    }

    /** Three significant digits, at least one decimal for small numbers. */
    static String num(double v) {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            return "–";
        }
        double a = Math.abs(v);
        String f = a >= 100 ? "%.0f" : a >= 10 ? "%.1f" : a >= 1 ? "%.2f" : "%.3f";
        return String.format(Locale.ROOT, f, v);
    }

    static String fixed(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "–" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String cell(String s) {
        String line = s.replace('\n', ' ').replace("|", "\\|");
        return line.length() > 160 ? line.substring(0, 157) + "..." : line;
    }
}
