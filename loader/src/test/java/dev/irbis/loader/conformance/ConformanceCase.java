package dev.irbis.loader.conformance;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** One ONNX backend test case: a model and its data sets of input_K.pb / output_K.pb. */
record ConformanceCase(String name, Path dir) {
    Path model() {
        return dir.resolve("model.onnx");
    }

    List<Path> dataSets() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(p -> p.getFileName().toString().startsWith("test_data_set_")).sorted().toList();
        }
    }

    static List<Path> numbered(Path dataSet, String prefix) throws IOException {
        try (Stream<Path> s = Files.list(dataSet)) {
            return s.filter(p -> p.getFileName().toString().matches(prefix + "_\\d+\\.pb"))
                    .sorted((a, b) -> Integer.compare(index(a), index(b))).toList();
        }
    }

    private static int index(Path p) {
        String n = p.getFileName().toString();
        return Integer.parseInt(n.substring(n.indexOf('_') + 1, n.length() - 3));
    }
}
