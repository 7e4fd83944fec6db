package dev.irbis.testdata.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.engine.ir.Dim;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.LoadedGraph;
import dev.irbis.loader.OnnxLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OnnxModelWriterTest {
    @TempDir
    Path dir;

    private static OnnxGraphBuilder graph() {
        OnnxGraphBuilder g = new OnnxGraphBuilder("g", 17);
        String x = g.input("x", "batch_size", 3);
        float[] big = new float[3000];
        for (int i = 0; i < big.length; i++) {
            big[i] = i * 0.5f - 7;
        }
        g.floats("w", new long[] {1000, 3}, big);
        g.floats("b", new long[] {3}, new float[] {1, 2, 3});
        String y = g.op("Add", "add", List.of(x, "b"));
        g.output(y, "batch_size", 3);
        return g;
    }

    @Test
    void externalDataIsAlignedAndReadBack() throws Exception {
        Path file = dir.resolve("m.onnx");
        OnnxModelWriter.write(graph(), file, true);
        assertTrue(Files.size(dir.resolve("m.onnx.data")) >= 4096 + 12, "second tensor starts at a 4096 boundary");
        try (LoadedGraph g = OnnxLoader.read(file)) {
            Tensor w = g.graph().initializers().get("w");
            assertArrayEquals(new long[] {1000, 3}, w.shape());
            assertEquals(-7f, w.getFloat(0));
            assertEquals(2999 * 0.5f - 7, w.getFloat(2999));
            assertArrayEquals(new float[] {1, 2, 3}, g.graph().initializers().get("b").toFloatArray());
            assertEquals(List.of(Dim.named("batch_size"), Dim.of(3)), g.graph().inputs().get(0).dims());
        }
        try (var files = Files.list(dir)) {
            assertEquals(List.of("m.onnx", "m.onnx.data"), files.map(p -> p.getFileName().toString()).sorted().toList(),
                    "no temporary files are left behind");
        }
    }

    @Test
    void inlineWeightsAreReadBack() throws Exception {
        Path file = dir.resolve("m.onnx");
        OnnxModelWriter.write(graph(), file, false);
        try (LoadedGraph g = OnnxLoader.read(file)) {
            assertEquals(3 * 0.5f - 7, g.graph().initializers().get("w").getFloat(3));
            assertEquals(17, g.graph().opsets().get(""));
        }
        assertTrue(Files.notExists(dir.resolve("m.onnx.data")));
    }
}
