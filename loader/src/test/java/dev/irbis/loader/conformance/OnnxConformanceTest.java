package dev.irbis.loader.conformance;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * ONNX's own operator test cases from {@code ../shared/onnx/node} and {@code ../shared/onnx/simple}.
 * Every case whose operators and types Irbis supports must pass; the rest are skipped with their
 * reason. A summary (ran, passed, failed, skipped per operator, and each skip) is printed at the end
 * and written to {@code target/conformance-report.txt}. Set {@code irbis.conformance.filter} to a regex
 * on case names to run a subset.
 */
class OnnxConformanceTest {
    /** Cases that need a looser tolerance than ONNX's rtol 1e-3 / atol 1e-7, and why. */
    private static final Map<String, ConformanceRunner.Tolerance> TOLERANCES = Map.of();

    /** Cases of supported operators that Irbis rejects on purpose, and why. */
    private static final Map<String, String> EXPECTED_UNSUPPORTED = Map.of();

    private static final List<ConformanceRunner.Result> RESULTS = new ArrayList<>();

    static Path sharedDir() {
        String dir = System.getProperty("irbis.shared.dir");
        Path p = dir == null ? Path.of("..", "..", "shared") : Path.of(dir);
        if (!Files.isDirectory(p.resolve("onnx"))) {
            throw new IllegalStateException("ONNX conformance cases not found under " + p.toAbsolutePath()
                    + "/onnx (set -Dirbis.shared.dir to the shared folder)");
        }
        return p;
    }

    static List<ConformanceCase> cases() throws IOException {
        String filter = System.getProperty("irbis.conformance.filter", "");
        List<ConformanceCase> all = new ArrayList<>();
        for (String suite : List.of("node", "simple")) {
            try (Stream<Path> s = Files.list(sharedDir().resolve("onnx").resolve(suite))) {
                s.filter(Files::isDirectory).sorted()
                        .map(p -> new ConformanceCase(p.getFileName().toString(), p))
                        .filter(c -> filter.isEmpty() || c.name().matches(filter))
                        .forEach(all::add);
            }
        }
        return all;
    }

    @TestFactory
    Stream<DynamicTest> onnxBackendCases() throws IOException {
        ConformanceRunner runner = new ConformanceRunner(TOLERANCES, EXPECTED_UNSUPPORTED);
        List<ConformanceCase> cases = cases();
        assertTrue(!cases.isEmpty(), "no conformance case matched");
        return cases.stream().map(c -> DynamicTest.dynamicTest(c.name(), () -> {
            ConformanceRunner.Result r = runner.run(c);
            synchronized (RESULTS) {
                RESULTS.add(r);
            }
            switch (r.status()) {
                case SKIPPED -> Assumptions.abort(r.detail());
                case FAILED -> throw new AssertionError(c.name() + " [" + r.operators() + "]: " + r.detail());
                default -> { }
            }
        }));
    }

    @AfterAll
    static void summary() throws IOException {
        Map<String, int[]> byOp = new TreeMap<>();
        int passed = 0;
        int failed = 0;
        int skipped = 0;
        for (ConformanceRunner.Result r : RESULTS) {
            int[] counts = byOp.computeIfAbsent(r.operators(), k -> new int[3]);
            counts[r.status().ordinal()]++;
            switch (r.status()) {
                case PASSED -> passed++;
                case FAILED -> failed++;
                case SKIPPED -> skipped++;
            }
        }
        Path report = Path.of("target", "conformance-report.txt");
        Files.createDirectories(report.getParent());
        try (PrintStream file = new PrintStream(Files.newOutputStream(report))) {
            for (PrintStream out : List.of(System.out, file)) {
                out.printf("ONNX conformance: %d cases, ran %d, passed %d, failed %d, skipped %d%n",
                        RESULTS.size(), passed + failed, passed, failed, skipped);
                out.printf("%-60s %6s %6s %7s%n", "operators", "passed", "failed", "skipped");
                byOp.forEach((op, c) -> out.printf("%-60s %6d %6d %7d%n", op, c[0], c[1], c[2]));
                out.println("Skipped cases and why:");
                RESULTS.stream().filter(r -> r.status() == ConformanceRunner.Status.SKIPPED)
                        .forEach(r -> out.println("  " + r.c().name() + ": " + r.detail()));
                RESULTS.stream().filter(r -> r.status() == ConformanceRunner.Status.FAILED)
                        .forEach(r -> out.println("  FAILED " + r.c().name() + ": " + r.detail()));
            }
        }
    }
}
