package dev.irbis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class InfoCommandTest {
    @TempDir
    Path dir;

    private static void assertContains(CliRunner.Result r, String... fragments) {
        for (String f : fragments) {
            assertTrue(r.out().contains(f), () -> "stdout lacks '" + f + "':\n" + r);
        }
    }

    @Test
    void describesATinyModel() throws IOException {
        CliRunner.Result r = CliRunner.run("info", TinyModels.relu(dir));
        assertEquals(0, r.exitCode(), r::toString);
        assertContains(r, "ir version  8", "producer    irbis-test 1.0", "opsets      ai.onnx 13", "graph       tiny",
                "X  FLOAT [N,3]", "Y  FLOAT [N,3]", "operators (1 nodes)", "Relu  1", "parameters  6 ",
                "~0 FLOPs per run", "estimate", "N=1");
        assertEquals("", r.err());
    }

    @Test
    void countsMatMulFlopsWithBoundDims() throws IOException {
        Path model = TinyModels.matMul(dir);
        CliRunner.Result r = CliRunner.run("info", model);
        assertEquals(0, r.exitCode(), r::toString);
        assertContains(r, "(40; an estimate", "N=1");
        r = CliRunner.run("info", "--dim", "N=8", model);
        assertEquals(0, r.exitCode(), r::toString);
        assertContains(r, "(320; an estimate", "N=8", "parameters  20 ");
    }

    @Test
    void describesMnist() {
        Path mnist = CliRunner.shared().resolve("models/mnist-8/model.onnx");
        assumeTrue(Files.isRegularFile(mnist), "needs ../shared/models/mnist-8");
        CliRunner.Result r = CliRunner.run("info", mnist);
        assertEquals(0, r.exitCode(), r::toString);
        // Conv 8x1x5x5 on 28x28 and 16x8x5x5 on 14x14, then MatMul 256x10: 786,560 multiply-adds.
        assertContains(r, "ir version  3", "producer    CNTK", "ai.onnx 8", "Input3  FLOAT [1,1,28,28]",
                "Plus214_Output_0  FLOAT [1,10]", "Conv     2", "MaxPool  2", "parameters  5,994", "(1,573,120; an estimate");
    }

    @Test
    void unsupportedOperatorStillShowsTheStaticPartThenExitsWith3() throws IOException {
        Path model = TinyModels.unknownOp(dir);
        CliRunner.Result r = CliRunner.run("info", model);
        assertEquals(ExitCodes.BAD_MODEL, r.exitCode(), r::toString);
        assertContains(r, "FrobnicateXyz  1", "flops       not available");
        assertTrue(r.err().contains("unsupported operator FrobnicateXyz"), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);

        r = CliRunner.run("info", "--no-flops", model);
        assertEquals(0, r.exitCode(), r::toString);
        assertFalse(r.out().contains("flops"), r::toString);
    }

    @Test
    void badModelsExitWith3() throws IOException {
        Path text = dir.resolve("notes.onnx");
        Files.writeString(text, "this is a text file, not a model\n");
        CliRunner.Result r = CliRunner.run("info", text);
        assertEquals(ExitCodes.BAD_MODEL, r.exitCode(), r::toString);
        assertTrue(r.err().startsWith("irbis: notes.onnx: "), r::toString);
        r = CliRunner.run("info", dir.resolve("missing.onnx"));
        assertEquals(ExitCodes.BAD_MODEL, r.exitCode(), r::toString);
        assertTrue(r.err().contains("missing.onnx: no such file"), r::toString);
    }

    @Test
    void badCommandLinesExitWith2() throws IOException {
        Path model = TinyModels.relu(dir);
        CliRunner.Result r = CliRunner.run("info", "--dim", "batch=2", model);
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("no input has a dimension named 'batch'; named dims are [N]"), r::toString);
        r = CliRunner.run("info", "--dim", "N=0", model);
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        r = CliRunner.run("info");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("MODEL"), r::toString);
    }

    @Test
    void helpDescribesEveryOption() {
        CliRunner.Result r = CliRunner.run("info", "--help");
        assertEquals(0, r.exitCode(), r::toString);
        assertContains(r, "--dim", "--no-flops", "--verbose", "estimate");
    }
}
