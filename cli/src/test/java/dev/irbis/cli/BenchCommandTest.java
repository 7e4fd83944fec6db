package dev.irbis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BenchCommandTest {
    @TempDir
    Path dir;

    @Test
    void jsonReportHasEveryField() throws IOException {
        CliRunner.Result r = CliRunner.run("bench", "--model", TinyModels.matMul(dir), "--batch", 4, "--warmup", 1,
                "--iters", 5, "--threads", 1, "--json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonObject o = JsonParser.parseString(r.out().strip()).getAsJsonObject();
        for (String k : List.of("model", "inputs", "batch", "threads", "warmup", "iters", "load_seconds", "median_ms",
                "p90_ms", "min_ms", "images_per_second", "peak_rss_bytes")) {
            assertTrue(o.has(k), () -> "no field " + k + ": " + r);
        }
        assertEquals(4, o.get("batch").getAsInt());
        assertEquals(1, o.get("threads").getAsInt());
        assertEquals("X FLOAT[4, 4]", o.get("inputs").getAsString());
        double median = o.get("median_ms").getAsDouble();
        assertTrue(median > 0 && o.get("p90_ms").getAsDouble() >= median && o.get("min_ms").getAsDouble() <= median, r::toString);
        assertEquals(4 * 1000 / median, o.get("images_per_second").getAsDouble(), 0.01 * 4 * 1000 / median + 0.01);
        assertTrue(o.get("peak_rss_bytes").getAsLong() > 1 << 20, "the JVM alone holds more than a MiB resident");
    }

    @Test
    void textReportOnARealModel() {
        CliRunner.Result r = CliRunner.run("bench", "--model", SharedFiles.file("models/mnist-8/model.onnx"), "--iters", 3, "--warmup", 1);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("Input3 FLOAT[1, 1, 28, 28]") && r.out().contains("median") && r.out().contains("p90")
                && r.out().contains("images/s") && r.out().contains("MiB"), r::toString);
    }

    @Test
    void profileSplitsTheTimeByKindWithTheConvolutionsFlops() {
        // mnist-8: Conv 5x5 1->8 at 28x28 and Conv 5x5 8->16 at 14x14 (both fused with their bias and ReLU),
        // 8*25*784 + 16*8*25*196 = 784,000 multiply-adds.
        CliRunner.Result r = CliRunner.run("bench", "--model", SharedFiles.file("models/mnist-8/model.onnx"), "--iters", 3, "--warmup", 1,
                "--threads", 1, "--profile", "--json");
        assertEquals(0, r.exitCode(), r::toString);
        JsonObject o = JsonParser.parseString(r.out().strip()).getAsJsonObject();
        com.google.gson.JsonArray rows = o.getAsJsonArray("profile");
        JsonObject conv = null;
        double sum = 0;
        double previous = Double.MAX_VALUE;
        for (var e : rows) {
            JsonObject row = e.getAsJsonObject();
            double ms = row.get("median_ms").getAsDouble();
            assertTrue(ms >= 0 && ms <= previous, () -> "rows are slowest first: " + rows);
            previous = ms;
            sum += ms;
            if (row.get("kind").getAsString().equals("Conv 5x5 s1")) {
                conv = row;
            }
        }
        assertTrue(conv != null, () -> "no 'Conv 5x5 s1' row: " + rows);
        assertEquals(2, conv.get("nodes").getAsInt());
        assertEquals(2 * 784_000e-9, conv.get("gflop").getAsDouble(), 1e-12);
        assertTrue(sum > 0 && sum <= 3 * o.get("p90_ms").getAsDouble(), () -> "the kinds' medians add up to about a run: " + r);

        CliRunner.Result text = CliRunner.run("bench", "--model", SharedFiles.file("models/mnist-8/model.onnx"), "--iters", 2, "--warmup", 0,
                "--profile");
        assertEquals(0, text.exitCode(), text::toString);
        assertTrue(text.out().contains("profile") && text.out().contains("Conv 5x5 s1") && text.out().contains("GFLOP/s"), text::toString);
    }

    @Test
    void aFixedBatchAndBadCountsAreUsageErrors() throws IOException {
        Path mnist = SharedFiles.file("models/mnist-8/model.onnx");
        CliRunner.Result r = CliRunner.run("bench", "--model", mnist, "--batch", 8);
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("fixes the batch size at 1"), r::toString);
        assertEquals(ExitCodes.USAGE, CliRunner.run("bench", "--model", mnist, "--iters", 0).exitCode());
        assertEquals(ExitCodes.USAGE, CliRunner.run("bench", "--model", mnist, "--threads", 0).exitCode());
        assertEquals(ExitCodes.BAD_MODEL, CliRunner.run("bench", "--model", dir.resolve("missing.onnx")).exitCode());
    }

    @Test
    void percentilesAreNearestRank() {
        double[] v = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10};
        assertEquals(5, BenchCommand.percentile(v, 50));
        assertEquals(9, BenchCommand.percentile(v, 90));
        assertEquals(7, BenchCommand.percentile(new double[] {7}, 90));
    }

    @Test
    void peakMemoryIsReadFromVmHwm() {
        assertEquals(123456L * 1024, PeakMemory.parse("Name:\tjava\nVmPeak:\t 999 kB\nVmHWM:\t  123456 kB\nVmRSS:\t 1 kB\n").getAsLong());
        assertTrue(PeakMemory.parse("Name:\tjava\n").isEmpty());
    }
}
