package dev.irbis.testdata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.engine.api.Model;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.OnnxLoader;
import dev.irbis.loader.io.NpyFormat;
import dev.irbis.loader.io.TensorFiles;
import java.awt.image.BufferedImage;
import java.io.DataInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import javax.imageio.ImageIO;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.Test;

/** Real models from ../shared/models: their own reference outputs, and images they must classify. */
class RealModelsTest {
    private static final String MNIST_ZOO = "models/mnist-8/model.onnx";
    private static final String MNIST_TORCH = "models/mnist-cnn-pytorch/mnist-8.onnx";
    private static final String CIFAR = "models/cifar10-resnet20-onnc/resnet20.onnx";

    /** mnist-8's own test_data_set outputs; the zoo's runner uses rtol 1e-3, atol 1e-7: we hold 1e-4 of the scale. */
    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2})
    void mnistZooMatchesItsTestData(int set) throws IOException {
        Path dir = SharedData.file("models/mnist-8/test_data_set_" + set);
        float[] in;
        float[] expected;
        try (Tensor i = TensorFiles.readTensorProto(dir.resolve("input_0.pb")); Tensor o = TensorFiles.readTensorProto(dir.resolve("output_0.pb"))) {
            in = i.toFloatArray();
            expected = o.toFloatArray();
        }
        float[] out = Engines.irbis(SharedData.file(MNIST_ZOO), in, 1, 1, 28, 28);
        Logits.assertClose("mnist-8 test_data_set_" + set, out, expected, 1e-4);
    }

    @ParameterizedTest
    @CsvSource({"wonnx_digit_0.jpg,0", "wonnx_digit_3.jpg,3", "wonnx_digit_5.jpg,5", "wonnx_digit_7.jpg,7", "djl_digit_0.png,0"})
    void mnistModelsClassifyDigits(String file, int label) throws IOException {
        float[] raw = gray28(SharedData.file("images/mnist/" + file));
        float[] zoo = Engines.irbis(SharedData.file(MNIST_ZOO), raw, 1, 1, 28, 28);
        float[] torch = Engines.irbis(SharedData.file(MNIST_TORCH), torchMnist(raw), 1, 1, 28, 28);
        System.out.printf("E2E mnist %s: zoo %d, pytorch %d, label %d%n", file, Logits.argMax(zoo), Logits.argMax(torch), label);
        assertEquals(label, Logits.argMax(zoo), "mnist-8 (zoo) on " + file);
        assertEquals(label, Logits.argMax(torch), "mnist-cnn-pytorch on " + file);
    }

    /** The first 1000 images of the official MNIST test set: both models are ~98% accurate (README). */
    @Test
    void mnistModelsAreAccurateOnTheTestSet() throws IOException {
        int n = 1000;
        byte[] images = idx(SharedData.file("images/mnist/t10k-images-idx3-ubyte.gz"), 2051, n * 784, 16);
        byte[] labels = idx(SharedData.file("images/mnist/t10k-labels-idx1-ubyte.gz"), 2049, n, 8);
        int zooRight = 0;
        int torchRight = 0;
        try (Model zoo = OnnxLoader.load(SharedData.file(MNIST_ZOO)); Model torch = OnnxLoader.load(SharedData.file(MNIST_TORCH))) {
            for (int k = 0; k < n; k++) {
                float[] raw = new float[784];
                for (int i = 0; i < 784; i++) {
                    raw[i] = images[k * 784 + i] & 0xff;
                }
                zooRight += Logits.argMax(Engines.irbis(zoo, raw, 1, 1, 28, 28)) == labels[k] ? 1 : 0;
                torchRight += Logits.argMax(Engines.irbis(torch, torchMnist(raw), 1, 1, 28, 28)) == labels[k] ? 1 : 0;
            }
        }
        System.out.printf("E2E MNIST test set (first %d): zoo %.1f%%, pytorch %.1f%%%n", n, 100.0 * zooRight / n, 100.0 * torchRight / n);
        assertTrue(zooRight >= 0.96 * n, "mnist-8 accuracy " + zooRight + "/" + n);
        assertTrue(torchRight >= 0.96 * n, "mnist-cnn-pytorch accuracy " + torchRight + "/" + n);
    }

    @ParameterizedTest
    @CsvSource({"djl_airplane1.png,0", "sclblonnx_horse5.png,7"})
    void cifarResnet20ClassifiesImages(String file, int label) throws IOException {
        BufferedImage img = ImageIO.read(SharedData.file("images/cifar10/" + file).toFile());
        assertEquals(32, img.getWidth());
        assertEquals(32, img.getHeight());
        float[] mean = {0.4914f, 0.4822f, 0.4465f};
        float[] std = {0.2023f, 0.1994f, 0.2010f};
        float[] x = new float[3 * 32 * 32];
        for (int y = 0; y < 32; y++) {
            for (int xx = 0; xx < 32; xx++) {
                int rgb = img.getRGB(xx, y);
                int[] ch = {(rgb >> 16) & 0xff, (rgb >> 8) & 0xff, rgb & 0xff};
                for (int c = 0; c < 3; c++) {
                    x[c * 1024 + y * 32 + xx] = (ch[c] / 255f - mean[c]) / std[c];
                }
            }
        }
        float[] out = Engines.irbis(SharedData.file(CIFAR), x, 1, 3, 32, 32);
        System.out.printf("E2E cifar10 resnet20 %s: class %d, label %d%n", file, Logits.argMax(out), label);
        assertEquals(label, Logits.argMax(out), "resnet20 on " + file);
    }

    /**
     * Authentic torch exports against ONNX Runtime's outputs (graph optimisations off) with the same
     * 1e-4 tolerance as the generated models, and against PyTorch's own outputs with 1e-3 (a different
     * engine again, whose convolution algorithms round differently). Top-5 must match both.
     */
    @ParameterizedTest
    @CsvSource({"resnet18_narrow,torchscript", "resnet18_narrow,dynamo", "resnetv2_tiny_bit,torchscript", "resnetv2_tiny_bit,dynamo"})
    void authenticExportsMatchReferenceOutputs(String model, String exporter) throws IOException {
        Path dir = SharedData.file("models/authentic-exports/" + model);
        Path file = SharedData.file("models/authentic-exports/" + model + "/" + model + "-" + exporter + ".onnx");
        try (Model m = OnnxLoader.load(file)) {
            for (int k = 0; k < 2; k++) {
                float[] in = npy(dir.resolve("input_" + k + ".npy"));
                float[] out = Engines.irbis(m, in, 1, 3, 64, 64);
                Logits.assertClose(model + "-" + exporter + " #" + k + " vs ORT", out,
                        npy(dir.resolve(model + "-" + exporter + ".ort_nopadfusion_output_" + k + ".npy")), 1e-4);
                Logits.assertClose(model + "-" + exporter + " #" + k + " vs torch", out, npy(dir.resolve("torch_output_" + k + ".npy")), 1e-3);
            }
        }
    }

    private static float[] npy(Path f) throws IOException {
        try (Tensor t = NpyFormat.read(f)) {
            return t.toFloatArray();
        }
    }

    /** Grayscale 0..255, white digit on black, NCHW [1, 1, 28, 28]. */
    private static float[] gray28(Path file) throws IOException {
        BufferedImage img = ImageIO.read(file.toFile());
        assertEquals(28, img.getWidth(), file + " width");
        assertEquals(28, img.getHeight(), file + " height");
        float[] x = new float[784];
        for (int y = 0; y < 28; y++) {
            for (int xx = 0; xx < 28; xx++) {
                int rgb = img.getRGB(xx, y);
                x[y * 28 + xx] = (float) (0.299 * ((rgb >> 16) & 0xff) + 0.587 * ((rgb >> 8) & 0xff) + 0.114 * (rgb & 0xff));
            }
        }
        return x;
    }

    /** The PyTorch MNIST model's preprocessing: x / 255, then (x - 0.5) / 0.5. */
    private static float[] torchMnist(float[] raw) {
        float[] x = new float[raw.length];
        for (int i = 0; i < raw.length; i++) {
            x[i] = (raw[i] / 255f - 0.5f) / 0.5f;
        }
        return x;
    }

    private static byte[] idx(Path gz, int magic, int count, int headerBytes) throws IOException {
        try (DataInputStream in = new DataInputStream(new GZIPInputStream(Files.newInputStream(gz)))) {
            assertEquals(magic, in.readInt(), gz + " IDX magic");
            in.skipNBytes(headerBytes - 4);
            byte[] b = new byte[count];
            in.readFully(b);
            return b;
        }
    }
}
