package dev.irbis.cli;

import dev.irbis.engine.api.Model;
import dev.irbis.engine.exec.NodeProfile;
import dev.irbis.engine.ir.Dim;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.gemm.Gemm;
import dev.irbis.kernels.gemm.OpenBlasGemm;
import java.io.PrintWriter;
import java.lang.foreign.ValueLayout;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code irbis bench}: how fast a model runs here. */
@Command(
        name = "bench",
        mixinStandardHelpOptions = true,
        description = {
            "Times a model on random inputs: W warm-up runs, then I timed runs of a batch of N.",
            "Reports the median and 90th-percentile latency per run, images (batch items) per second at the median,"
                    + " and the peak resident memory of the process (Linux VmHWM: heap plus native memory, weights included).",
            "",
            "Inputs are filled with seeded normal noise; the batch size N goes to the first dimension when it is dynamic,"
                    + " a dynamic image resolution (dims 2 and 3 of a rank-4 input) takes --size, other dynamic dims take 1.",
            "",
            "With --profile, I more runs time every node: the report adds, per kind of node (convolutions by kernel size,"
                    + " stride and groups), the median time per run, its share and the effective GFLOP/s"
                    + " (the multiply-adds of a direct computation, 2 FLOPs each)."
        },
        sortOptions = false,
        footer = {"", "Example:", "  irbis bench --model resnet50.onnx --batch 8 --threads 4 --iters 20 --json"})
final class BenchCommand implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "The ONNX model file (.onnx).")
    private Path model;

    @Option(names = {"-b", "--batch"}, paramLabel = "N", defaultValue = "1", description = "Batch size (default: ${DEFAULT-VALUE}).")
    private int batch;

    @Option(names = {"-w", "--warmup"}, paramLabel = "W", defaultValue = "3", description = "Untimed runs first (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = {"-n", "--iters"}, paramLabel = "I", defaultValue = "10", description = "Timed runs (default: ${DEFAULT-VALUE}).")
    private int iters;

    @Option(names = "--size", paramLabel = "S", defaultValue = "224",
            description = "Image resolution for inputs whose spatial dims are dynamic (default: ${DEFAULT-VALUE}).")
    private int size;

    @Option(names = "--json", description = "Print the results as one JSON object.")
    private boolean json;

    @Option(names = "--profile", description = "Also time every node over I more runs and report where the time goes.")
    private boolean profile;

    @Mixin
    private ModelLoading loading;

    @Mixin
    private VerboseOption verbose;

    private NodeProfile nodeProfile;
    private String gemm;

    /** The GEMM behind the convolutions; for OpenBLAS, the kernel set it runs (it halves the speed when wrong). */
    private static String describeGemm(Gemm gemm) {
        return gemm.name().startsWith("openblas") ? "openblas, " + OpenBlasGemm.coreName() + " kernels" : gemm.name();
    }

    @Override
    public Integer call() {
        CommandLine cmd = spec.commandLine();
        positive(cmd, "--batch", batch, 1);
        positive(cmd, "--warmup", warmup, 0);
        positive(cmd, "--iters", iters, 1);
        positive(cmd, "--size", size, 1);
        long t0 = System.nanoTime();
        double[] millis = new double[iters];
        Map<String, Tensor> inputs;
        int threads;
        try (Model m = loading.load(cmd, model)) {
            double loadSeconds = (System.nanoTime() - t0) / 1e9;
            threads = m.options().threads();
            gemm = describeGemm(m.gemm());
            inputs = randomInputs(cmd, m.inputs());
            String shapes = describe(inputs);
            try {
                for (int i = 0; i < warmup; i++) {
                    m.run(inputs).values().forEach(Tensor::close);
                }
                for (int i = 0; i < iters; i++) {
                    long s = System.nanoTime();
                    Map<String, Tensor> outs = m.run(inputs);
                    millis[i] = (System.nanoTime() - s) / 1e6;
                    outs.values().forEach(Tensor::close);
                }
                // Separate runs, so the timed ones above carry no observer at all.
                if (profile) {
                    nodeProfile = new NodeProfile();
                    for (int i = 0; i < iters; i++) {
                        m.run(inputs, nodeProfile).values().forEach(Tensor::close);
                        nodeProfile.endRun();
                    }
                }
            } finally {
                inputs.values().forEach(Tensor::close);
            }
            report(cmd.getOut(), loadSeconds, threads, millis, shapes);
        }
        return ExitCodes.OK;
    }

    private void report(PrintWriter out, double loadSeconds, int threads, double[] millis, String shapes) {
        double[] sorted = millis.clone();
        Arrays.sort(sorted);
        double median = percentile(sorted, 50);
        double p90 = percentile(sorted, 90);
        double imagesPerSecond = batch * 1000.0 / median;
        OptionalLong peak = PeakMemory.bytes();
        if (json) {
            out.println("{\"model\":" + JsonText.quote(model.toString()) + ",\"inputs\":" + JsonText.quote(shapes)
                    + ",\"batch\":" + batch + ",\"threads\":" + threads + ",\"gemm\":" + JsonText.quote(gemm) + ",\"warmup\":" + warmup + ",\"iters\":" + iters
                    + ",\"load_seconds\":" + JsonText.number(round(loadSeconds, 3))
                    // Nanosecond resolution: a tiny model's median of 0.0256 ms must not become 0.026.
                    + ",\"median_ms\":" + JsonText.number(round(median, 6)) + ",\"p90_ms\":" + JsonText.number(round(p90, 6))
                    + ",\"min_ms\":" + JsonText.number(round(sorted[0], 6))
                    + ",\"images_per_second\":" + JsonText.number(round(imagesPerSecond, 2))
                    + ",\"peak_rss_bytes\":" + (peak.isPresent() ? Long.toString(peak.getAsLong()) : "null")
                    + (nodeProfile == null ? "" : ",\"profile\":" + profileJson()) + "}");
        } else {
            out.printf("model        %s%n", model);
            out.printf("inputs       %s%n", shapes);
            out.printf("threads      %d%n", threads);
            out.printf("gemm         %s%n", gemm);
            out.printf("load         %.2f s%n", loadSeconds);
            out.printf("runs         %d warm-up, %d timed%n", warmup, iters);
            out.printf("latency      median %.2f ms, p90 %.2f ms, min %.2f ms%n", median, p90, sorted[0]);
            out.printf("throughput   %.1f images/s (batch %d, at the median)%n", imagesPerSecond, batch);
            out.printf("peak memory  %s%n", peak.isPresent() ? String.format("%.1f MiB (resident, heap and native)", peak.getAsLong() / 1048576.0)
                    : "not available (needs Linux /proc)");
            if (nodeProfile != null) {
                printProfile(out);
            }
        }
        out.flush();
    }

    private void printProfile(PrintWriter out) {
        List<NodeProfile.Row> rows = nodeProfile.rows();
        double total = rows.stream().mapToDouble(NodeProfile.Row::millis).sum();
        out.printf("profile      median per run of each kind of node over %d runs (their sum: %.2f ms)%n", iters, total);
        out.printf("  %-22s %6s %10s %7s %9s %9s%n", "kind", "nodes", "ms/run", "share", "GFLOP", "GFLOP/s");
        for (NodeProfile.Row r : rows) {
            out.printf("  %-22s %6d %10.3f %6.1f%% %9s %9s%n", r.kind(), r.nodes(), r.millis(), total > 0 ? 100 * r.millis() / total : 0,
                    r.gflop() > 0 ? String.format("%.4g", r.gflop()) : "-", r.gflop() > 0 ? String.format("%.1f", r.gflopsPerSecond()) : "-");
        }
    }

    private String profileJson() {
        StringBuilder b = new StringBuilder("[");
        for (NodeProfile.Row r : nodeProfile.rows()) {
            b.append(b.length() > 1 ? "," : "").append("{\"kind\":").append(JsonText.quote(r.kind())).append(",\"nodes\":").append(r.nodes())
                    .append(",\"median_ms\":").append(JsonText.number(round(r.millis(), 6)))
                    .append(",\"gflop\":").append(JsonText.number(round(r.gflop(), 9)))
                    .append(",\"gflops_per_second\":").append(JsonText.number(round(r.gflopsPerSecond(), 2))).append('}');
        }
        return b.append(']').toString();
    }

    /** Nearest-rank percentile of sorted values. */
    static double percentile(double[] sorted, double p) {
        int rank = (int) Math.ceil(p / 100 * sorted.length);
        return sorted[Math.clamp(rank - 1, 0, sorted.length - 1)];
    }

    private static double round(double v, int digits) {
        double f = Math.pow(10, digits);
        return Math.round(v * f) / f;
    }

    private Map<String, Tensor> randomInputs(CommandLine cmd, List<ValueInfo> declared) {
        SplittableRandom random = new SplittableRandom(42);
        Map<String, Tensor> in = new LinkedHashMap<>();
        try {
            for (ValueInfo v : declared) {
                if (v.dims() == null) {
                    throw new CommandLine.ParameterException(cmd, "input '" + v.name() + "' declares no shape; cannot make a benchmark input for it");
                }
                long[] shape = new long[v.dims().size()];
                for (int i = 0; i < shape.length; i++) {
                    Dim d = v.dims().get(i);
                    if (d.isFixed()) {
                        shape[i] = d.value();
                        if (i == 0 && batch != 1 && d.value() != batch) {
                            throw new CommandLine.ParameterException(cmd, "--batch " + batch + ": input '" + v.name()
                                    + "' fixes the batch size at " + d.value());
                        }
                    } else {
                        shape[i] = i == 0 ? batch : shape.length == 4 && i >= 2 ? size : 1;
                    }
                }
                DataType type = v.type() == null ? DataType.FLOAT : v.type();
                Tensor t = Tensor.allocate(type, shape);
                in.put(v.name(), t);
                if (type == DataType.FLOAT) {
                    for (long i = 0; i < t.size(); i++) {
                        t.data().setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) gaussian(random));
                    }
                } else {
                    t.data().fill((byte) 0);
                }
            }
            return in;
        } catch (RuntimeException e) {
            in.values().forEach(Tensor::close);
            throw e;
        }
    }

    private static double gaussian(SplittableRandom r) {
        // Box-Muller; one of the pair is enough here.
        double u = 1 - r.nextDouble();
        return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * r.nextDouble());
    }

    private static String describe(Map<String, Tensor> inputs) {
        StringBuilder b = new StringBuilder();
        inputs.forEach((k, t) -> b.append(b.isEmpty() ? "" : ", ").append(k).append(' ').append(t.dataType()).append(Shape.format(t.shape())));
        return b.toString();
    }

    private static void positive(CommandLine cmd, String option, int v, int min) {
        if (v < min) {
            throw new CommandLine.ParameterException(cmd, option + " must be at least " + min + ", got " + v);
        }
    }
}
