package dev.irbis.bench;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.irbis.engine.exec.NodeProfile;
import dev.irbis.testdata.models.RandomInput;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Where each engine spends its time on one model: Irbis's {@link NodeProfile} and ONNX Runtime's own profiler
 * (ALL_OPT, the benchmark's settings), grouped into the same kinds of node, printed as one markdown table.
 * Not a benchmark: node timing adds a little overhead to both and the runs are few; it says which kinds of
 * layer make the difference that {@code ./bench.sh} measures. Run as {@code ./bench.sh op-profile ...}.
 */
public final class OpProfileComparison {
    static final String USAGE = """
            usage: ./bench.sh op-profile --model ID [--batch N] [--threads T] [--warmup W] [--runs R] [--java]
                                         [--model-cache DIR]
              --model   resnet50-v1, resnet50-torchvision, bit-r50x1 or bit-r152x4 (generated on first use, but
                        bit-r152x4 only by ./bench.sh --generate-large)
              --batch 1, --threads 1, --warmup 30, --runs 20 by default (the JIT needs the warm-up); Irbis runs
                        first, then ONNX Runtime; --java runs Irbis without OpenBLAS
            """;

    private OpProfileComparison() {
    }

    public static void main(String[] args) throws IOException {
        Map<String, String> o = new LinkedHashMap<>(Map.of("--batch", "1", "--threads", "1", "--warmup", "30", "--runs", "20",
                "--model-cache", BenchModel.DEFAULT_CACHE.toString()));
        boolean pureJava = false;
        for (int i = 0; i < args.length; i++) {
            if (args[i].equals("--java")) {
                pureJava = true;
            } else if (o.containsKey(args[i]) || args[i].equals("--model")) {
                if (i + 1 >= args.length) {
                    fail(args[i] + " needs a value");
                }
                o.put(args[i], args[++i]);
            } else {
                fail("unknown option " + args[i]);
            }
        }
        String id = o.get("--model");
        if (id == null) {
            fail("--model is required");
        }
        int batch = atLeast(o, "--batch", 1);
        int threads = atLeast(o, "--threads", 1);
        int warmup = atLeast(o, "--warmup", 0);
        int runs = atLeast(o, "--runs", 1);
        Path cache = Path.of(o.get("--model-cache"));
        Path file = BenchModel.existing(id, cache);
        if (file == null) {
            if (id.equals(BenchModel.LARGE_ID)) {
                fail(id + " is not in " + cache + "; ./bench.sh --models " + id + " --generate-large makes it");
            }
            file = BenchModel.getOrGenerate(id, cache);
        }
        int s = BenchModel.family(id).inputSize();
        long[] shape = {batch, 3, s, s};
        float[] data = RandomInput.gaussian(ModelBenchmark.INPUT_SEED, batch * 3 * s * s);

        // One engine after the other, never alternating: each engine's threads spin for a while after a run
        // (ONNX Runtime's by default, Irbis's for 2 ms), which on a small machine slows the other's next run.
        NodeProfile irbis = new NodeProfile();
        try (IrbisInference engine = new IrbisInference(file, data, shape, threads, pureJava)) {
            for (int i = 0; i < warmup; i++) {
                engine.run();
            }
            for (int i = 0; i < runs; i++) {
                engine.profile(irbis);
            }
        }
        Path dir = Files.createTempDirectory("irbis-ort-profile");
        List<NodeProfile.Row> ort;
        try {
            try (OrtInference engine = new OrtInference(file, data, shape, threads, OptLevel.ALL_OPT, dir.resolve("ort"))) {
                for (int i = 0; i < warmup + runs; i++) {
                    engine.run();
                }
                ort = OrtProfileTrace.rows(engine.endProfiling(), warmup);
            }
        } finally {
            // ONNX Runtime writes its trace at endProfiling, or when the session closes after a failure.
            try (var files = Files.list(dir)) {
                for (Path f : files.toList()) {
                    Files.deleteIfExists(f);
                }
                Files.deleteIfExists(dir);
            } catch (IOException e) {
                System.err.println("op-profile: could not delete " + dir + ": " + e.getMessage());
            }
        }
        System.out.printf("# %s, batch %d, %d thread%s, Irbis %s; medians of %d runs after %d warm-up%n%n", id, batch, threads,
                threads == 1 ? "" : "s", pureJava ? "pure Java" : "with OpenBLAS", runs, warmup);
        System.out.print(markdown(irbis.rows(), ort));
    }

    /** One row per kind (Irbis's order, then kinds only ONNX Runtime has), and the totals. */
    static String markdown(List<NodeProfile.Row> irbis, List<NodeProfile.Row> ort) {
        Map<String, NodeProfile.Row> ortByKind = new LinkedHashMap<>();
        ort.forEach(r -> ortByKind.put(r.kind(), r));
        List<String> kinds = new ArrayList<>();
        irbis.forEach(r -> kinds.add(r.kind()));
        ort.forEach(r -> {
            if (!kinds.contains(r.kind())) {
                kinds.add(r.kind());
            }
        });
        Map<String, NodeProfile.Row> irbisByKind = new LinkedHashMap<>();
        irbis.forEach(r -> irbisByKind.put(r.kind(), r));
        StringBuilder b = new StringBuilder();
        b.append("| kind | nodes (Irbis / ORT) | Irbis ms | Irbis GFLOP/s | ORT ms | ORT GFLOP/s | Irbis / ORT |\n");
        b.append("|---|---|---:|---:|---:|---:|---:|\n");
        double irbisTotal = 0;
        double ortTotal = 0;
        for (String k : kinds) {
            NodeProfile.Row i = irbisByKind.get(k);
            NodeProfile.Row o = ortByKind.get(k);
            irbisTotal += i == null ? 0 : i.millis();
            ortTotal += o == null ? 0 : o.millis();
            b.append("| ").append(k).append(" | ").append(i == null ? "-" : i.nodes()).append(" / ").append(o == null ? "-" : o.nodes())
                    .append(" | ").append(i == null ? "-" : fmt(i.millis())).append(" | ").append(rate(i))
                    .append(" | ").append(o == null ? "-" : fmt(o.millis())).append(" | ").append(rate(o))
                    .append(" | ").append(i != null && o != null && o.millis() > 0 ? String.format(Locale.ROOT, "%.2f", i.millis() / o.millis()) : "-")
                    .append(" |\n");
        }
        b.append("| **all nodes** | | ").append(fmt(irbisTotal)).append(" | | ").append(fmt(ortTotal)).append(" | | ")
                .append(ortTotal > 0 ? String.format(Locale.ROOT, "%.2f", irbisTotal / ortTotal) : "-").append(" |\n");
        return b.toString();
    }

    private static String rate(NodeProfile.Row r) {
        return r == null || r.gflop() <= 0 ? "-" : String.format(Locale.ROOT, "%.1f", r.gflopsPerSecond());
    }

    private static String fmt(double ms) {
        return String.format(Locale.ROOT, ms >= 10 ? "%.1f" : "%.2f", ms);
    }

    private static int atLeast(Map<String, String> o, String key, int min) {
        int v;
        try {
            v = Integer.parseInt(o.get(key));
        } catch (NumberFormatException e) {
            fail(key + " needs a whole number, got '" + o.get(key) + "'");
            return min;
        }
        if (v < min) {
            fail(key + " must be at least " + min);
        }
        return v;
    }

    private static void fail(String message) {
        System.err.println("op-profile: " + message);
        System.err.print(USAGE);
        System.exit(2);
    }
}
