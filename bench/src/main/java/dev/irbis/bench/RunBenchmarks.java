package dev.irbis.bench;

import dev.irbis.kernels.gemm.OpenBlasGemm;
import dev.irbis.loader.LoadedGraph;
import dev.irbis.loader.OnnxLoader;

import ai.onnxruntime.OrtEnvironment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.util.Statistics;

/**
 * Runs the JMH benchmarks (one fork per configuration) and writes {@code <out>/<date>-<host>.md}: the machine,
 * a model table and a kernel table (see {@link ResultTable}), plus JMH's raw JSON beside it. Exits with 1 when
 * a configuration produced no result (an output check failed, or an error: the log above says which).
 * Options: {@link BenchOptions#USAGE}; normally started by {@code ./bench.sh}.
 */
public final class RunBenchmarks {
    /** What the forked JVMs need: the Vector API, native access for OpenBLAS/ORT/FFM, stack for deep graphs. */
    static final List<String> FORK_FLAGS = List.of("--add-modules", "jdk.incubator.vector", "--enable-native-access=ALL-UNNAMED",
            "--sun-misc-unsafe-memory-access=allow", "-Xss4m");

    private RunBenchmarks() {
    }

    public static void main(String[] args) throws Exception {
        BenchOptions o;
        try {
            o = BenchOptions.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.exit(2);
            return;
        }
        if (o.help) {
            System.out.print(BenchOptions.USAGE);
            return;
        }
        Machine machine = Machine.detect();
        List<String> notes = new ArrayList<>();
        Files.createDirectories(o.outDir);
        String stem = LocalDate.now() + "-" + machine.host();
        Path md = unused(o.outDir, stem);
        String jsonStem = md.getFileName().toString().replaceFirst("\\.md$", "");

        List<ModelRow> models = new ArrayList<>();
        if (o.runModels) {
            models = runModels(o, notes, o.outDir.resolve(jsonStem + "-models.json"));
        }
        List<KernelRow> kernels = new ArrayList<>();
        if (o.runKernels) {
            kernels = runKernels(o, notes, o.outDir.resolve(jsonStem + "-kernels.json"));
        }

        List<String> header = new ArrayList<>(machine.describe());
        String commit = System.getProperty("irbis.bench.commit");
        if (commit != null && !commit.isBlank()) {
            header.add("Irbis commit: " + commit);
        }
        // Each forked JMH JVM picks OpenBLAS's kernels the same way on the same machine.
        header.add("OpenBLAS kernels: " + OpenBlasGemm.coreName());
        header.add("ONNX Runtime: " + OrtEnvironment.getEnvironment().getVersion()
                + " (CPU; ALL_OPT, intra-op threads = threads, inter-op 1, sequential; reference check against NO_OPT)");
        header.add("Profile: " + (o.quick ? "quick (smoke run; not for quoting)" : o.medium ? "medium (full selection, shorter iterations)" : "full") + "; JMH 1 fork per configuration; models "
                + iterations(o.modelIterations()) + "; kernels " + iterations(o.kernelIterations()));
        String title = "Irbis benchmarks, " + LocalDate.now() + ", " + machine.host();
        String table = ResultTable.markdown(title, header, models, kernels, notes);
        Files.writeString(md, table);
        System.out.println();
        System.out.println(table);
        System.out.println("written to " + md);
        boolean failed = models.stream().anyMatch(r -> r.failure() != null) || kernels.stream().anyMatch(r -> r.failure() != null);
        System.exit(failed ? 1 : 0);
    }

    private static List<ModelRow> runModels(BenchOptions o, List<String> notes, Path json) throws IOException, RunnerException {
        List<String> engines = o.engines;
        List<String> ids = new ArrayList<>();
        for (String id : o.models) {
            if (BenchModel.existing(id, o.modelCache) == null) {
                if (id.equals(BenchModel.LARGE_ID) && !o.generateLarge) {
                    notes.add(id + " left out: not generated in " + o.modelCache + " (3.7 GB; pass --generate-large to generate it)");
                    continue;
                }
                System.out.println("generating " + id + " in " + o.modelCache + " (once; minutes for a full-size model)...");
                BenchModel.getOrGenerate(id, o.modelCache);
            }
            ids.add(id);
        }
        if (ids.isEmpty() || engines.isEmpty()) {
            return List.of();
        }
        List<ModelRow> rows = new ArrayList<>();
        for (String m : ids) {
            // A model with a fixed batch (the zoo-style ResNet-50 v1: 1) runs only at that batch.
            long fixed = fixedBatch(BenchModel.existing(m, o.modelCache));
            List<Integer> batches = o.batches.stream().filter(b -> fixed < 0 || b == fixed).toList();
            if (batches.size() < o.batches.size()) {
                notes.add(m + ": only batch " + fixed + " measured (its input has a fixed batch dimension)");
            }
            if (batches.isEmpty()) {
                continue;
            }
            Path modelJson = json.resolveSibling(json.getFileName().toString().replaceFirst("\\.json$", "-" + m + ".json"));
            ChainedOptionsBuilder b = jmh(ModelBenchmark.class, o, o.modelIterations(), modelJson)
                    .param("model", m)
                    .param("batch", strings(batches))
                    .param("threads", strings(o.threads))
                    .param("engine", engines.toArray(String[]::new));
            Collection<RunResult> results = new Runner(b.build()).run();
            for (int batch : batches) {
                for (int t : o.threads) {
                    for (String e : engines) {
                        RunResult r = find(results, "model", m, "batch", batch, "threads", t, "engine", e);
                        if (r == null) {
                            rows.add(ModelRow.failed(m, batch, t, e, "no result: output check or error, see the log"));
                            continue;
                        }
                        Statistics s = r.getPrimaryResult().getStatistics();
                        rows.add(new ModelRow(m, batch, t, e, s.getPercentile(50), s.getPercentile(90),
                                r.getPrimaryResult().getScoreError(), s.getN(), null));
                    }
                }
            }
        }
        return rows;
    }

    /** The model's fixed batch size, or -1 when its first input's batch dimension is dynamic. */
    private static long fixedBatch(Path model) {
        try (LoadedGraph g = OnnxLoader.read(model)) {
            var dims = g.graph().inputs().getFirst().dims();
            return dims != null && !dims.isEmpty() && dims.getFirst().isFixed() ? dims.getFirst().value() : -1;
        }
    }

    private static List<KernelRow> runKernels(BenchOptions o, List<String> notes, Path json) throws RunnerException {
        List<String> engines = o.kernelEngines;
        if (engines.isEmpty()) {
            return List.of();
        }
        String jsonName = json.getFileName().toString().replaceFirst("\\.json$", "");
        ChainedOptionsBuilder gemm = jmh(GemmBenchmark.class, o, o.kernelIterations(), json.resolveSibling(jsonName + "-gemm.json"))
                .param("shape", o.gemmShapes.toArray(String[]::new))
                .param("threads", strings(o.kernelThreads))
                .param("engine", engines.toArray(String[]::new));
        Collection<RunResult> gemmResults = o.gemmShapes.isEmpty() ? List.of() : new Runner(gemm.build()).run();
        ChainedOptionsBuilder conv = jmh(ConvBenchmark.class, o, o.kernelIterations(), json.resolveSibling(jsonName + "-conv.json"))
                .param("layer", o.convLayers.toArray(String[]::new))
                .param("threads", strings(o.kernelThreads))
                .param("engine", engines.toArray(String[]::new));
        Collection<RunResult> convResults = o.convLayers.isEmpty() ? List.of() : new Runner(conv.build()).run();

        List<KernelRow> rows = new ArrayList<>();
        for (String shape : o.gemmShapes) {
            double flops = GemmShape.parse(shape).flops();
            for (int t : o.kernelThreads) {
                for (String e : engines) {
                    rows.add(kernelRow("gemm", shape, t, e, flops, find(gemmResults, "shape", shape, "threads", t, "engine", e)));
                }
            }
        }
        for (String layer : o.convLayers) {
            double flops = ConvLayer.byName(layer).flops();
            for (int t : o.kernelThreads) {
                for (String e : engines) {
                    rows.add(kernelRow("conv", layer, t, e, flops, find(convResults, "layer", layer, "threads", t, "engine", e)));
                }
            }
        }
        return rows;
    }

    private static KernelRow kernelRow(String kind, String shape, int threads, String engine, double flops, RunResult r) {
        if (r == null) {
            return KernelRow.failed(kind, shape, threads, engine, flops, "no result: error, see the log");
        }
        Statistics s = r.getPrimaryResult().getStatistics();
        return new KernelRow(kind, shape, threads, engine, s.getPercentile(50), s.getPercentile(90), flops, null);
    }

    private static ChainedOptionsBuilder jmh(Class<?> benchmark, BenchOptions o, BenchOptions.Iterations it, Path json) {
        List<String> jvm = new ArrayList<>(FORK_FLAGS);
        jvm.add("-Xmx" + o.xmx);
        jvm.add("-D" + BenchModel.CACHE_PROPERTY + "=" + o.modelCache.toAbsolutePath());
        return new OptionsBuilder()
                .include("^" + Pattern.quote(benchmark.getName()) + "\\.")
                .forks(1)
                .threads(1)
                .warmupIterations(it.warmup())
                .warmupTime(TimeValue.seconds(it.warmupSeconds()))
                .measurementIterations(it.measure())
                .measurementTime(TimeValue.seconds(it.measureSeconds()))
                .jvmArgs(jvm.toArray(String[]::new))
                .resultFormat(ResultFormatType.JSON)
                .result(json.toString());
    }

    /** The result whose params have the given name/value pairs. */
    private static RunResult find(Collection<RunResult> results, Object... nameValues) {
        outer:
        for (RunResult r : results) {
            for (int i = 0; i < nameValues.length; i += 2) {
                if (!String.valueOf(nameValues[i + 1]).equals(r.getParams().getParam((String) nameValues[i]))) {
                    continue outer;
                }
            }
            return r;
        }
        return null;
    }

    private static String[] strings(List<Integer> values) {
        return values.stream().map(String::valueOf).toArray(String[]::new);
    }

    private static String iterations(BenchOptions.Iterations it) {
        return String.format(Locale.ROOT, "warmup %d x %d s, measurement %d x %d s", it.warmup(), it.warmupSeconds(),
                it.measure(), it.measureSeconds());
    }

    /** {@code dir/stem.md}, or {@code stem-2.md}, ... when a run of the same day and host is already there. */
    static Path unused(Path dir, String stem) {
        Path p = dir.resolve(stem + ".md");
        for (int i = 2; Files.exists(p); i++) {
            p = dir.resolve(stem + "-" + i + ".md");
        }
        return p;
    }
}
