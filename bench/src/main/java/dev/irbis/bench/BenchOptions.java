package dev.irbis.bench;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * What a run measures, from the command line of {@link RunBenchmarks}. The full profile is sized for a
 * 2-core machine (about 80 s per model configuration); {@code --quick} is a smoke run of a few minutes
 * (one model configuration and three kernel configurations unless named otherwise).
 */
public final class BenchOptions {
    /** Warmup and measurement iterations and their length in seconds. */
    public record Iterations(int warmup, int warmupSeconds, int measure, int measureSeconds) {
    }

    boolean help;
    boolean quick;
    /** Medium profile: full selection, shorter iterations (about 35 s per model configuration). */
    boolean medium;
    List<String> models;
    List<Integer> batches;
    List<Integer> threads;
    List<String> engines = List.of("irbis", "irbis-java", "ort");
    List<String> gemmShapes;
    List<String> convLayers;
    List<Integer> kernelThreads;
    List<String> kernelEngines = List.of("openblas", "java");
    boolean runModels = true;
    boolean runKernels = true;
    boolean generateLarge;
    Path modelCache = BenchModel.DEFAULT_CACHE;
    Path outDir = Path.of("bench", "results");
    String xmx = "8g";

    static final String USAGE = """
            usage: ./bench.sh [--quick] [--models ID,...] [--batches 1,8] [--threads 1,2] [--engines irbis,irbis-java,ort]
                           [--gemm-shapes MxKxN,...] [--conv-layers NAME,...] [--kernel-threads 1,2]
                           [--kernel-engines openblas,java] [--no-models] [--no-kernels] [--generate-large]
                           [--model-cache DIR] [--out DIR] [--xmx 8g]
              models: resnet50-v1, resnet50-torchvision, bit-r50x1 (default: these three); bit-r152x4 only when named
                      (3.7 GB; generated only with --generate-large when missing)
              --quick: short iterations; unless named: resnet50-v1, batch 1, 1 thread; two GEMM shapes and one conv layer
              --medium: the full selection with shorter iterations (models 2 x 5 s warmup + 3 x 5 s; kernels 2 x 1 s + 3 x 1 s)
            """;

    public static BenchOptions parse(String... args) {
        BenchOptions o = new BenchOptions();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            switch (a) {
                case "--help", "-h" -> o.help = true;
                case "--quick" -> o.quick = true;
                case "--medium" -> o.medium = true;
                case "--models" -> o.models = strings(value(args, ++i, a));
                case "--batches" -> o.batches = ints(value(args, ++i, a));
                case "--threads" -> o.threads = ints(value(args, ++i, a));
                case "--engines" -> o.engines = strings(value(args, ++i, a));
                case "--gemm-shapes" -> o.gemmShapes = strings(value(args, ++i, a));
                case "--conv-layers" -> o.convLayers = strings(value(args, ++i, a));
                case "--kernel-threads" -> o.kernelThreads = ints(value(args, ++i, a));
                case "--kernel-engines" -> o.kernelEngines = strings(value(args, ++i, a));
                case "--no-models" -> o.runModels = false;
                case "--no-kernels" -> o.runKernels = false;
                case "--generate-large" -> o.generateLarge = true;
                case "--model-cache" -> o.modelCache = Path.of(value(args, ++i, a));
                case "--out" -> o.outDir = Path.of(value(args, ++i, a));
                case "--xmx" -> o.xmx = value(args, ++i, a);
                default -> throw new IllegalArgumentException("unknown option '" + a + "'\n" + USAGE);
            }
        }
        if (o.models == null) {
            o.models = o.quick ? List.of("resnet50-v1") : BenchModel.DEFAULT_IDS;
        }
        if (o.batches == null) {
            o.batches = o.quick ? List.of(1) : List.of(1, 8);
        }
        if (o.threads == null) {
            o.threads = o.quick ? List.of(1) : List.of(1, 2);
        }
        if (o.gemmShapes == null) {
            o.gemmShapes = o.quick ? List.of("64x576x3136", "1024x256x196") : GemmShape.RESNET50;
        }
        if (o.convLayers == null) {
            o.convLayers = o.quick ? List.of("res2-3x3") : ConvLayer.RESNET50.stream().map(ConvLayer::name).toList();
        }
        if (o.kernelThreads == null) {
            o.kernelThreads = o.quick ? List.of(1) : List.of(1, 2);
        }
        o.validate();
        return o;
    }

    private void validate() {
        models.forEach(BenchModel::family);
        engines.forEach(Engine::byId);
        gemmShapes.forEach(GemmShape::parse);
        convLayers.forEach(ConvLayer::byName);
        kernelEngines.forEach(KernelGemm::byId);
        for (int v : concat(batches, threads, kernelThreads)) {
            if (v < 1) {
                throw new IllegalArgumentException("batches and threads must be positive, got " + v);
            }
        }
    }

    public Iterations modelIterations() {
        return quick ? new Iterations(1, 5, 2, 5) : medium ? new Iterations(2, 5, 3, 5) : new Iterations(3, 10, 5, 10);
    }

    public Iterations kernelIterations() {
        return quick ? new Iterations(1, 1, 2, 1) : medium ? new Iterations(2, 1, 3, 1) : new Iterations(3, 2, 5, 2);
    }

    @SafeVarargs
    private static List<Integer> concat(List<Integer>... lists) {
        List<Integer> all = new ArrayList<>();
        for (List<Integer> l : lists) {
            all.addAll(l);
        }
        return all;
    }

    private static String value(String[] args, int i, String option) {
        if (i >= args.length) {
            throw new IllegalArgumentException(option + " needs a value\n" + USAGE);
        }
        return args[i];
    }

    private static List<String> strings(String csv) {
        return Arrays.stream(csv.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    private static List<Integer> ints(String csv) {
        return strings(csv).stream().map(Integer::parseInt).toList();
    }
}
