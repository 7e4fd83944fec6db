package dev.irbis.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.io.NpyFormat;
import dev.irbis.testdata.models.Arch;
import dev.irbis.testdata.models.GeneratedModels;
import java.io.IOException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FeaturesCommandTest {
    @TempDir
    Path dir;

    @Test
    void writesOnePooledVectorPerImage() throws IOException {
        Path model = SharedFiles.tinyResNet50();
        int dim = Arch.RESNET50_TORCHVISION.family(true, Arch.TINY_CLASSES, GeneratedModels.DEFAULT_SEED).featureDim();
        Path out = dir.resolve("features.npy");
        CliRunner.Result r = CliRunner.run("features", "--model", model, "--threads", 2,
                SharedFiles.file("images/photos/caffe_cat.jpg"), SharedFiles.file("images/photos/djl_fox.png"),
                SharedFiles.file("images/photos/wonnx_pelican.jpeg"), "--out", out);
        assertEquals(0, r.exitCode(), r::toString);
        assertTrue(r.out().contains("3 x " + dim + " float32 -> " + out), r::toString);
        Tensor t = NpyFormat.read(out);
        assertEquals(DataType.FLOAT, t.dataType());
        assertArrayEquals(new long[] {3, dim}, t.shape());
        float[] v = t.toFloatArray();
        boolean differ = false;
        for (int i = 0; i < dim; i++) {
            differ |= v[i] != v[dim + i];
        }
        assertTrue(differ, "different images give different features");
    }

    @Test
    void anUnknownLayerIsAnInputError() throws IOException {
        CliRunner.Result r = CliRunner.run("features", "--model", SharedFiles.tinyResNet50(), "--layer", "no_such_value",
                SharedFiles.file("images/photos/caffe_cat.jpg"), "--out", dir.resolve("f.npy"));
        assertEquals(ExitCodes.BAD_INPUT, r.exitCode(), r::toString);
        assertTrue(r.err().contains("no_such_value"), r::toString);
    }

    @Test
    void theOutputIsRequired() {
        CliRunner.Result r = CliRunner.run("features", "--model", "m.onnx", "cat.jpg");
        assertEquals(ExitCodes.USAGE, r.exitCode(), r::toString);
        assertTrue(r.err().contains("--out"), r::toString);
    }
}
