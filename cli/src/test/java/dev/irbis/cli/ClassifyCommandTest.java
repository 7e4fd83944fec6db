package dev.irbis.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.irbis.engine.api.ImageInputShape;
import dev.irbis.engine.api.Preprocessing;
import dev.irbis.engine.image.ImageDecoder;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.LoadedGraph;
import dev.irbis.loader.OnnxLoader;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.FloatBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassifyCommandTest {
    private static final String[] CIFAR10 = {"airplane", "automobile", "bird", "cat", "deer", "dog", "frog", "horse", "ship", "truck"};

    @TempDir
    Path dir;

    private static void assertExit(int expected, CliRunner.Result r) {
        assertEquals(expected, r.exitCode(), r::toString);
    }

    private static List<JsonObject> jsonLines(CliRunner.Result r) {
        List<JsonObject> objects = new ArrayList<>();
        r.out().lines().filter(l -> !l.isBlank()).forEach(l -> objects.add(JsonParser.parseString(l).getAsJsonObject()));
        return objects;
    }

    private static int topIndex(JsonObject o) {
        return o.getAsJsonArray("top").get(0).getAsJsonObject().get("index").getAsInt();
    }

    @Test
    void mnistDigitsWithGrayRawPixels() {
        String[] files = {"wonnx_digit_0.jpg", "wonnx_digit_3.jpg", "wonnx_digit_5.jpg", "wonnx_digit_7.jpg", "djl_digit_0.png"};
        int[] expected = {0, 3, 5, 7, 0};
        List<Object> args = new ArrayList<>(List.of("classify", "--model", SharedFiles.file("models/mnist-8/model.onnx"),
                "--channels", "gray", "--scale", "1", "--json"));
        for (String f : files) {
            args.add(SharedFiles.file("images/mnist/" + f));
        }
        CliRunner.Result r = CliRunner.run(args.toArray());
        assertExit(0, r);
        List<JsonObject> results = jsonLines(r);
        assertEquals(files.length, results.size(), r::toString);
        for (int i = 0; i < files.length; i++) {
            assertEquals(expected[i], topIndex(results.get(i)), files[i] + "\n" + r);
            assertTrue(results.get(i).get("image").getAsString().endsWith(files[i]));
        }
    }

    @Test
    void pytorchMnistWithItsNormalisation() {
        CliRunner.Result r = CliRunner.run("classify", "--model", SharedFiles.file("models/mnist-cnn-pytorch/mnist-8.onnx"),
                "--channels", "gray", "--scale", "1/255", "--mean", "0.5", "--std", "0.5", "--json",
                SharedFiles.file("images/mnist/wonnx_digit_3.jpg"), SharedFiles.file("images/mnist/wonnx_digit_7.jpg"));
        assertExit(0, r);
        List<JsonObject> results = jsonLines(r);
        assertEquals(3, topIndex(results.get(0)), r::toString);
        assertEquals(7, topIndex(results.get(1)), r::toString);
    }

    @Test
    void cifar10WithItsMeanAndStdAndLabels() throws IOException {
        Path labels = Files.writeString(dir.resolve("cifar10.txt"), String.join("\n", CIFAR10) + "\n");
        CliRunner.Result r = CliRunner.run("classify", "--model", SharedFiles.file("models/cifar10-resnet20-onnc/resnet20.onnx"),
                "--labels", labels, "--scale", "1/255", "--mean", "0.4914,0.4822,0.4465", "--std", "0.2023,0.1994,0.2010",
                "--top", "3", SharedFiles.file("images/cifar10/djl_airplane1.png"), SharedFiles.file("images/cifar10/sclblonnx_horse5.png"));
        assertExit(0, r);
        String[] blocks = r.out().split("(?m)^(?=\\S)");
        assertEquals(2, blocks.length, r::toString);
        assertTrue(blocks[0].contains("djl_airplane1.png") && blocks[0].lines().skip(1).findFirst().orElseThrow().contains("airplane (0)"), r::toString);
        assertTrue(blocks[1].contains("sclblonnx_horse5.png") && blocks[1].lines().skip(1).findFirst().orElseThrow().contains("horse (7)"), r::toString);
        // Rank, percentage and a bar on every line; three lines per image.
        assertEquals(3, blocks[0].lines().filter(l -> l.matches("\\s+\\d\\s+\\d+\\.\\d\\d%\\s+\\|#* *\\|\\s+.+ \\(\\d\\)")).count(), r::toString);
    }

    @Test
    void photoWithGeneratedResNet50MatchesOnnxRuntimeOnTheSameTensor() throws IOException, OrtException {
        Path model = SharedFiles.tinyResNet50();
        Path photo = SharedFiles.file("images/photos/caffe_cat.jpg");
        CliRunner.Result r = CliRunner.run("classify", "--model", model, "--preset", "torchvision", "--json", "--threads", 2, photo);
        assertExit(0, r);
        JsonArray top = jsonLines(r).getFirst().getAsJsonArray("top");
        assertEquals(5, top.size());

        float[] expected = ortProbabilities(model, photo);
        Integer[] order = new Integer[expected.length];
        Arrays.setAll(order, i -> i);
        Arrays.sort(order, (a, b) -> Float.compare(expected[b], expected[a]));
        for (int k = 0; k < 5; k++) {
            JsonObject p = top.get(k).getAsJsonObject();
            assertEquals(order[k], p.get("index").getAsInt(), "rank " + (k + 1) + "\n" + r);
            assertEquals(expected[order[k]], p.get("probability").getAsFloat(), 1e-3, "rank " + (k + 1));
        }
    }

    /** ONNX Runtime (graph optimisations off) on the tensor Irbis's torchvision preprocessing makes, then a softmax. */
    private static float[] ortProbabilities(Path model, Path photo) throws OrtException {
        float[] pixels;
        long[] shape;
        try (LoadedGraph g = OnnxLoader.read(model)) {
            ImageInputShape s = ImageInputShape.resolve(g.graph().inputs().getFirst(), Preprocessing.torchvision(), null);
            try (Tensor t = Preprocessing.torchvision().toTensor(List.of(ImageDecoder.read(photo)), s)) {
                pixels = t.toFloatArray();
                shape = t.shape();
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions opts = new OrtSession.SessionOptions()) {
            opts.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.NO_OPT);
            opts.setIntraOpNumThreads(2);
            try (OrtSession session = env.createSession(model.toString(), opts);
                 OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(pixels), shape);
                 OrtSession.Result res = session.run(Map.of(session.getInputNames().iterator().next(), in))) {
                FloatBuffer fb = ((OnnxTensor) res.get(0)).getFloatBuffer();
                float[] logits = new float[fb.remaining()];
                fb.get(logits);
                double max = Double.NEGATIVE_INFINITY;
                for (float v : logits) {
                    max = Math.max(max, v);
                }
                double sum = 0;
                double[] e = new double[logits.length];
                for (int i = 0; i < logits.length; i++) {
                    e[i] = Math.exp(logits[i] - max);
                    sum += e[i];
                }
                float[] p = new float[logits.length];
                for (int i = 0; i < p.length; i++) {
                    p[i] = (float) (e[i] / sum);
                }
                return p;
            }
        }
    }

    @Test
    void plotWritesAPngChart() throws IOException {
        Path png = dir.resolve("top.png");
        CliRunner.Result r = CliRunner.run("classify", "--model", SharedFiles.file("models/mnist-8/model.onnx"),
                "--channels", "gray", "--scale", "1", "--plot", png,
                SharedFiles.file("images/mnist/wonnx_digit_3.jpg"), SharedFiles.file("images/mnist/wonnx_digit_5.jpg"));
        assertExit(0, r);
        assertTrue(r.out().contains("plot -> " + png), r::toString);
        byte[] bytes = Files.readAllBytes(png);
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'}, Arrays.copyOf(bytes, 8));
        BufferedImage img = ImageIO.read(png.toFile());
        assertEquals(960, img.getWidth());
        assertEquals(2 * 260, img.getHeight(), "one row per image");
        try (var files = Files.list(dir)) {
            assertEquals(List.of("top.png"), files.map(p -> p.getFileName().toString()).toList(), "no temporary file left");
        }
    }

    @Test
    void progressBarWhenAsked() {
        CliRunner.Result r = CliRunner.run("classify", "--progress", "--model", SharedFiles.file("models/mnist-8/model.onnx"),
                "--channels", "gray", "--scale", "1", SharedFiles.file("images/mnist/wonnx_digit_3.jpg"));
        assertExit(0, r);
        assertTrue(r.err().contains("loading model.onnx [") && r.err().contains("100%") && r.err().contains("loaded model.onnx in"), r::toString);
    }

    @Test
    void noProgressBarByDefaultOffATerminal() {
        CliRunner.Result r = CliRunner.run("classify", "--model", SharedFiles.file("models/mnist-8/model.onnx"),
                "--channels", "gray", "--scale", "1", SharedFiles.file("images/mnist/wonnx_digit_3.jpg"));
        assertExit(0, r);
        assertEquals("", r.err(), r::toString);
    }

    @Test
    void unreadableImagesAreInputErrors() throws IOException {
        Path mnist = SharedFiles.file("models/mnist-8/model.onnx");
        CliRunner.Result r = CliRunner.run("classify", "--model", mnist, "--channels", "gray", dir.resolve("nope.png"));
        assertExit(ExitCodes.BAD_INPUT, r);
        assertTrue(r.err().contains("nope.png") && r.err().contains("no such file"), r::toString);
        Path junk = Files.write(dir.resolve("junk.jpg"), new byte[] {1, 2, 3, 4, 5});
        r = CliRunner.run("classify", "--model", mnist, "--channels", "gray", junk);
        assertExit(ExitCodes.BAD_INPUT, r);
        assertTrue(r.err().contains("junk.jpg"), r::toString);
        assertFalse(r.err().contains("\tat "), r::toString);
    }

    @Test
    void missingLabelsAndWrongLabelCountAreInputErrors() throws IOException {
        Path mnist = SharedFiles.file("models/mnist-8/model.onnx");
        Path digit = SharedFiles.file("images/mnist/wonnx_digit_3.jpg");
        CliRunner.Result r = CliRunner.run("classify", "--model", mnist, "--channels", "gray", "--labels", dir.resolve("none.txt"), digit);
        assertExit(ExitCodes.BAD_INPUT, r);
        assertTrue(r.err().contains("none.txt"), r::toString);
        Path nine = Files.writeString(dir.resolve("nine.txt"), "a\nb\nc\nd\ne\nf\ng\nh\ni\n");
        r = CliRunner.run("classify", "--model", mnist, "--channels", "gray", "--labels", nine, digit);
        assertExit(ExitCodes.BAD_INPUT, r);
        assertTrue(r.err().contains("10 output classes") && r.err().contains("9 labels"), r::toString);
    }

    @Test
    void badModelsAreModelErrors() throws IOException {
        Path digit = SharedFiles.file("images/mnist/wonnx_digit_3.jpg");
        Path garbage = Files.write(dir.resolve("garbage.onnx"), new byte[] {8, 7, 0x12, 0x7f, 0x7f, 0x7f, 1});
        CliRunner.Result r = CliRunner.run("classify", "--model", garbage, digit);
        assertExit(ExitCodes.BAD_MODEL, r);
        assertTrue(r.err().startsWith("irbis: garbage.onnx"), r::toString);
        r = CliRunner.run("classify", "--model", TinyModels.unknownOp(dir), digit);
        assertExit(ExitCodes.BAD_MODEL, r);
        assertTrue(r.err().contains("FrobnicateXyz"), r::toString);
    }

    @Test
    void badFlagsAreUsageErrors() {
        Path mnist = SharedFiles.file("models/mnist-8/model.onnx");
        Path digit = SharedFiles.file("images/mnist/wonnx_digit_3.jpg");
        assertExit(ExitCodes.USAGE, CliRunner.run("classify", digit));
        assertExit(ExitCodes.USAGE, CliRunner.run("classify", "--model", mnist));
        assertExit(ExitCodes.USAGE, CliRunner.run("classify", "--model", mnist, "--top", "0", digit));
        assertExit(ExitCodes.USAGE, CliRunner.run("classify", "--model", mnist, "--preset", "keras", digit));
        assertExit(ExitCodes.USAGE, CliRunner.run("classify", "--model", mnist, "--scale", "one", digit));
        assertExit(ExitCodes.USAGE, CliRunner.run("classify", "--model", mnist, "--resize", "stretch", "--crop", "20", digit));
        CliRunner.Result r = CliRunner.run("classify", "--model", mnist, "--channels", "gray", "--mean", "1,2", digit);
        assertExit(ExitCodes.USAGE, r);
        assertTrue(r.err().contains("mean"), r::toString);
    }

    @Test
    void wrongChannelCountForTheModelIsAnInputError() {
        // MNIST takes one channel; the default torchvision recipe makes three.
        CliRunner.Result r = CliRunner.run("classify", "--model", SharedFiles.file("models/mnist-8/model.onnx"),
                SharedFiles.file("images/mnist/wonnx_digit_3.jpg"));
        assertExit(ExitCodes.BAD_INPUT, r);
        assertTrue(r.err().contains("GRAY"), r::toString);
    }
}
