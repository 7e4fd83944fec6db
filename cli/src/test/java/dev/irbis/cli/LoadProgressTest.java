package dev.irbis.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.engine.api.Model;
import dev.irbis.loader.OnnxLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The loader's progress hook as the CLI's bar sees it. */
class LoadProgressTest {
    @Test
    void reportsEveryWeightTensorThenCompiling() {
        List<long[]> calls = new ArrayList<>();
        List<String> phases = new ArrayList<>();
        var listener = new dev.irbis.loader.LoadProgress() {
            @Override
            public void weightsRead(int tensorsDone, int tensorsTotal, long bytesDone, long bytesTotal) {
                calls.add(new long[] {tensorsDone, tensorsTotal, bytesDone, bytesTotal});
                phases.add("weights");
            }

            @Override
            public void compiling() {
                phases.add("compiling");
            }
        };
        try (Model m = OnnxLoader.load(SharedFiles.file("models/mnist-8/model.onnx"), Model.Options.defaults(), listener)) {
            assertEquals(1, m.inputs().size());
        }
        assertTrue(calls.size() > 1);
        long[] last = calls.getLast();
        assertEquals(last[0], last[1], "all tensors reported");
        assertEquals(last[2], last[3], "all bytes reported");
        assertTrue(last[3] > 20_000, "mnist-8 holds about 24 kB of weights, got " + last[3]);
        for (int i = 1; i < calls.size(); i++) {
            assertTrue(calls.get(i)[0] == calls.get(i - 1)[0] + 1 && calls.get(i)[2] >= calls.get(i - 1)[2]);
        }
        assertEquals("compiling", phases.getLast());
        assertEquals(1, phases.stream().filter("compiling"::equals).count());
    }
}
