package dev.irbis.loader.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.engine.api.FeatureExtractor;
import dev.irbis.engine.api.Model;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.LoadedGraph;
import dev.irbis.loader.Models;
import dev.irbis.loader.OnnxLoader;
import dev.irbis.loader.io.NpyFormat;
import dev.irbis.engine.api.Preprocessing;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The pooled features, pushed through the head's own weights, must give the reference logits. */
class FeatureExtractorModelTest {
    private static final Path DIR = ImageClassifierModelTest.shared().resolve("models/authentic-exports/resnet18_narrow");

    @Test
    void torchscriptResnetFeaturesReproduceTheLogits() throws Exception {
        checkAgainstHead("resnet18_narrow-torchscript");
    }

    @Test
    void dynamoResnetFeaturesReproduceTheLogits() throws Exception {
        checkAgainstHead("resnet18_narrow-dynamo");
    }

    private static void checkAgainstHead(String name) throws Exception {
        Path file = DIR.resolve(name + ".onnx");
        float[][] w;
        float[] bias;
        boolean transB;
        try (LoadedGraph g = OnnxLoader.read(file)) {
            Node gemm = g.graph().nodes().stream().filter(n -> n.opType().equals("Gemm")).reduce((a, b) -> b).orElseThrow();
            transB = gemm.attributes().getLong("transB", 0) == 1;
            Tensor wt = g.graph().initializers().get(gemm.input(1));
            bias = g.graph().initializers().get(gemm.input(2)).toFloatArray();
            float[] flat = wt.toFloatArray();
            int rows = (int) wt.dim(0);
            int cols = (int) wt.dim(1);
            w = new float[rows][cols];
            for (int r = 0; r < rows; r++) {
                System.arraycopy(flat, r * cols, w[r], 0, cols);
            }
        }
        try (FeatureExtractor fx = Models.featureExtractor(file, Preprocessing.torchvision());
             Tensor input = NpyFormat.read(DIR.resolve("input_0.npy"));
             Tensor expected = NpyFormat.read(DIR.resolve(name + ".ort_nopadfusion_output_0.npy"))) {
            assertFalse(fx.model().optimisedGraph().operatorCounts().containsKey("Gemm"), "the head should be pruned");
            List<float[]> features = fx.extractBatch(input);
            int classes = bias.length;
            float[] ref = expected.toFloatArray();
            for (int b = 0; b < features.size(); b++) {
                float[] f = features.get(b);
                assertEquals(96, f.length, "ResNet-18 narrow pools 96 channels");
                for (int k = 0; k < classes; k++) {
                    double s = bias[k];
                    for (int j = 0; j < f.length; j++) {
                        s += f[j] * (transB ? w[k][j] : w[j][k]);
                    }
                    assertEquals(ref[b * classes + k], s, 1e-3, name + " image " + b + " class " + k);
                }
            }
            // images go through the same path
            float[] one = fx.extract(ImageClassifierModelTest.shared().resolve("images/photos/djl_fox.png"));
            assertEquals(96, one.length);
            assertTrue(one[0] >= 0, "pooled ReLU features are non-negative");
        }
    }

    @Test
    void namedValueIsExtracted() {
        Path file = ImageClassifierModelTest.shared().resolve("models/cifar10-resnet20-onnc/resnet20.onnx");
        try (FeatureExtractor auto = Models.featureExtractor(file, Preprocessing.unit());
             LoadedGraph g = OnnxLoader.read(file)) {
            String gap = g.graph().nodes().stream().filter(n -> n.opType().equals("GlobalAveragePool"))
                    .findFirst().orElseThrow().outputs().getFirst();
            try (FeatureExtractor named = Models.featureExtractor(file, Preprocessing.unit(), gap, Model.Options.defaults())) {
                Path img = ImageClassifierModelTest.shared().resolve("images/cifar10/djl_airplane1.png");
                float[] a = auto.extract(img);
                float[] b = named.extract(img);
                assertEquals(64, a.length);
                for (int i = 0; i < a.length; i++) {
                    assertEquals(a[i], b[i], 1e-5f);
                }
            }
        }
    }
}
