package dev.irbis.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.io.NpyFormat;
import dev.irbis.loader.io.TensorFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RunCommandTest {
    @TempDir
    Path dir;

    private Path npy(String name, long[] shape, float... values) throws IOException {
        Path p = dir.resolve(name);
        NpyFormat.write(p, Tensor.ofFloats(shape, values));
        return p;
    }

    private static void assertExit(int expected, CliRunner.Result r) {
        assertEquals(expected, r.exitCode(), r::toString);
    }

    /** One or two lines a person can read: no stack trace without --verbose. */
    private static void assertShortError(CliRunner.Result r, String... fragments) {
        for (String f : fragments) {
            assertTrue(r.err().contains(f), () -> "stderr lacks '" + f + "':\n" + r);
        }
        assertFalse(r.err().contains("\tat "), r::toString);
        assertTrue(r.err().lines().count() <= 2, r::toString);
    }

    @Test
    void runsATinyModelOnANpyInput() throws IOException {
        Path model = TinyModels.relu(dir);
        Path in = npy("x.npy", new long[] {2, 3}, -1, 2, -3, 4, -5, 6);
        Path out = dir.resolve("y.npy");
        CliRunner.Result r = CliRunner.run("run", "--model", model, "--input", in, "--output", out, "--threads", 1);
        assertExit(0, r);
        assertTrue(r.out().contains("Y FLOAT[2, 3] -> " + out), r::toString);
        Tensor y = NpyFormat.read(out);
        assertArrayEquals(new long[] {2, 3}, y.shape());
        assertArrayEquals(new float[] {0, 2, 0, 4, 0, 6}, y.toFloatArray());
    }

    @Test
    void bindsInputsByName() throws IOException {
        Path model = TinyModels.twoOutputs(dir);
        Path a = npy("a.npy", new long[] {2}, -1, 1);
        Path b = npy("b.npy", new long[] {2}, 5, -5);
        // B by name, A takes the remaining unnamed argument.
        CliRunner.Result r = CliRunner.run("run", "-m", model, "-i", "B=" + b, "-i", a, "-d", dir.resolve("out"));
        assertExit(0, r);
        assertArrayEquals(new float[] {0, 1}, NpyFormat.read(dir.resolve("out/out_relu_0.npy")).toFloatArray());
        assertArrayEquals(new float[] {5, 0}, NpyFormat.read(dir.resolve("out/_._b.npy")).toFloatArray());
    }

    @Test
    void outputDirWritesEveryOutputUnderASafeName() throws IOException {
        Path model = TinyModels.twoOutputs(dir);
        Path a = npy("a.npy", new long[] {2}, 1, 2);
        Path out = dir.resolve("new/folder");
        CliRunner.Result r = CliRunner.run("run", "--model", model, "--input", a, "--input", a, "--output-dir", out);
        assertExit(0, r);
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(java.util.List.of("_._b.npy", "out_relu_0.npy"), files.map(p -> p.getFileName().toString()).sorted().toList());
        }
        assertFalse(Files.exists(dir.resolve("b.npy")), "an output name must not escape the folder");
    }

    @Test
    void outputFileWithSeveralOutputsIsAUsageError() throws IOException {
        Path model = TinyModels.twoOutputs(dir);
        Path a = npy("a.npy", new long[] {2}, 1, 2);
        CliRunner.Result r = CliRunner.run("run", "--model", model, "--input", a, "--input", a, "--output", dir.resolve("o.npy"));
        assertExit(ExitCodes.USAGE, r);
        assertTrue(r.err().contains("--output-dir"), r::toString);
        assertFalse(Files.exists(dir.resolve("o.npy")));
    }

    @Test
    void runsMnistOnItsTensorProtoInput() throws IOException {
        Path mnist = CliRunner.shared().resolve("models/mnist-8");
        assumeTrue(Files.isRegularFile(mnist.resolve("model.onnx")), "needs ../shared/models/mnist-8");
        Path out = dir.resolve("scores.npy");
        CliRunner.Result r = CliRunner.run("run", "--model", mnist.resolve("model.onnx"),
                "--input", mnist.resolve("test_data_set_0/input_0.pb"), "--output", out);
        assertExit(0, r);
        float[] got = NpyFormat.read(out).toFloatArray();
        float[] want = TensorFiles.read(mnist.resolve("test_data_set_0/output_0.pb")).toFloatArray();
        assertEquals(want.length, got.length);
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-3 * Math.abs(want[i]) + 1e-4, "score " + i);
        }
    }

    @Test
    void missingInputFileExitsWith4() throws IOException {
        CliRunner.Result r = CliRunner.run("run", "--model", TinyModels.relu(dir), "--input", dir.resolve("nope.npy"), "--output", dir.resolve("y.npy"));
        assertExit(ExitCodes.BAD_INPUT, r);
        assertShortError(r, "nope.npy", "no such file");
        assertFalse(Files.exists(dir.resolve("y.npy")));
    }

    @Test
    void corruptInputFileExitsWith4() throws IOException {
        Path bad = dir.resolve("x.npy");
        Files.writeString(bad, "definitely not numpy");
        Path badPb = dir.resolve("x.pb");
        Files.write(badPb, new byte[] {(byte) 0xff, (byte) 0xff, (byte) 0xff, 0x01});
        Path model = TinyModels.relu(dir);
        CliRunner.Result r = CliRunner.run("run", "--model", model, "--input", bad, "--output", dir.resolve("y.npy"));
        assertExit(ExitCodes.BAD_INPUT, r);
        assertShortError(r, "x.npy", "not a NumPy .npy file");
        r = CliRunner.run("run", "--model", model, "--input", badPb, "--output", dir.resolve("y.npy"));
        assertExit(ExitCodes.BAD_INPUT, r);
        assertShortError(r, "x.pb", "TensorProto");
    }

    @Test
    void inputsNotMatchingTheModelExitWith4() throws IOException {
        Path model = TinyModels.relu(dir);
        Path wrongShape = npy("w.npy", new long[] {2, 4}, new float[8]);
        CliRunner.Result r = CliRunner.run("run", "--model", model, "--input", wrongShape, "--output", dir.resolve("y.npy"));
        assertExit(ExitCodes.BAD_INPUT, r);
        assertShortError(r, "input 'X'", "[2, 4]");

        Path ints = dir.resolve("i.npy");
        NpyFormat.write(ints, Tensor.ofLongs(new long[] {1, 3}, 1, 2, 3));
        r = CliRunner.run("run", "--model", model, "--input", ints, "--output", dir.resolve("y.npy"));
        assertExit(ExitCodes.BAD_INPUT, r);
        assertShortError(r, "must be FLOAT but is INT64");

        Path ok = npy("ok.npy", new long[] {1, 3}, 1, 2, 3);
        r = CliRunner.run("run", "--model", model, "--input", "Z=" + ok, "--output", dir.resolve("y.npy"));
        assertExit(ExitCodes.BAD_INPUT, r);
        assertShortError(r, "no input named 'Z'", "[X]");

        r = CliRunner.run("run", "--model", model, "--input", ok, "--input", ok, "--output", dir.resolve("y.npy"));
        assertExit(ExitCodes.BAD_INPUT, r);
        assertShortError(r, "too many inputs");

        Path two = npy("two.npy", new long[] {2}, 1, 2);
        r = CliRunner.run("run", "--model", TinyModels.twoOutputs(dir), "--input", two, "--output-dir", dir.resolve("d"));
        assertExit(ExitCodes.BAD_INPUT, r);
        assertShortError(r, "input 'B'", "missing");
    }

    @Test
    void badModelExitsWith3AndVerboseShowsTheTrace() throws IOException {
        Path model = dir.resolve("junk.onnx");
        Files.write(model, new byte[] {0x0a, (byte) 0xff, (byte) 0xff, (byte) 0xff, 0x7f, 1, 2, 3});
        Path in = npy("x.npy", new long[] {1, 3}, 1, 2, 3);
        CliRunner.Result r = CliRunner.run("run", "--model", model, "--input", in, "--output", dir.resolve("y.npy"));
        assertExit(ExitCodes.BAD_MODEL, r);
        assertShortError(r, "junk.onnx");
        r = CliRunner.run("run", "--verbose", "--model", model, "--input", in, "--output", dir.resolve("y.npy"));
        assertExit(ExitCodes.BAD_MODEL, r);
        assertTrue(r.err().contains("\tat dev.irbis"), r::toString);
    }

    @Test
    void unsupportedOperatorExitsWith3() throws IOException {
        Path in = npy("x.npy", new long[] {2}, 1, 2);
        CliRunner.Result r = CliRunner.run("run", "--model", TinyModels.unknownOp(dir), "--input", in, "--output", dir.resolve("y.npy"));
        assertExit(ExitCodes.BAD_MODEL, r);
        assertShortError(r, "unknown.onnx", "FrobnicateXyz", "opset 13");
    }

    @Test
    void badCommandLinesExitWith2() throws IOException {
        Path model = TinyModels.relu(dir);
        Path in = npy("x.npy", new long[] {1, 3}, 1, 2, 3);
        CliRunner.Result r = CliRunner.run("run", "--model", model, "--input", in);
        assertExit(ExitCodes.USAGE, r);
        assertShortError(r, "Missing required argument", "-o=FILE | -d=DIR");
        r = CliRunner.run("run", "--model", model, "--input", in, "--output", dir.resolve("a.npy"), "--output-dir", dir);
        assertExit(ExitCodes.USAGE, r);
        r = CliRunner.run("run", "--model", model, "--input", in, "--output", dir.resolve("a.npy"), "--threads", 0);
        assertExit(ExitCodes.USAGE, r);
        assertShortError(r, "--threads must be at least 1");
        r = CliRunner.run("run", "--model", model, "--input", in, "--output", dir.resolve("a.npy"), "--threads", "many");
        assertExit(ExitCodes.USAGE, r);
        r = CliRunner.run("run", "--modle", model);
        assertExit(ExitCodes.USAGE, r);
    }

    @Test
    void unwritableOutputFailsBeforeRunningAndLeavesNoFile() throws IOException {
        Path in = npy("x.npy", new long[] {1, 3}, 1, 2, 3);
        Path out = dir.resolve("no/such/folder/y.npy");
        CliRunner.Result r = CliRunner.run("run", "--model", TinyModels.relu(dir), "--input", in, "--output", out);
        assertExit(ExitCodes.FAILURE, r);
        assertTrue(r.err().contains("does not exist"), r::toString);
        assertFalse(Files.exists(out));
        try (Stream<Path> files = Files.list(dir)) {
            assertTrue(files.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")));
        }
    }

    @Test
    void helpDescribesEveryOption() {
        CliRunner.Result r = CliRunner.run("run", "--help");
        assertExit(0, r);
        for (String opt : new String[] {"--model", "--input", "--output", "--output-dir", "--threads", "--verbose"}) {
            assertTrue(r.out().contains(opt), () -> opt + " missing from help:\n" + r.out());
        }
        assertTrue(r.out().contains("TensorProto"), r.out());
    }
}
