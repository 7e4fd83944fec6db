package dev.irbis.loader.vision;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.engine.api.ChannelOrder;
import dev.irbis.engine.api.ImageClassifier;
import dev.irbis.engine.api.Labels;
import dev.irbis.engine.api.Prediction;
import dev.irbis.engine.api.Preprocessing;
import dev.irbis.engine.api.ScoreKind;
import dev.irbis.loader.OnnxLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;

/** Classifies the shared MNIST and CIFAR-10 images with the real models. */
class ImageClassifierModelTest {
    static Path shared() {
        String dir = System.getProperty("irbis.shared.dir");
        if (dir == null || !Files.isDirectory(Path.of(dir))) {
            throw new AssertionError("shared data folder missing (irbis.shared.dir = " + dir + ")");
        }
        return Path.of(dir);
    }

    private static final List<String> DIGITS = List.of("wonnx_digit_0.jpg", "wonnx_digit_3.jpg", "wonnx_digit_5.jpg",
            "wonnx_digit_7.jpg", "djl_digit_0.png");
    private static final List<Integer> DIGIT_LABELS = List.of(0, 3, 5, 7, 0);

    private static List<Path> digits() {
        return DIGITS.stream().map(f -> shared().resolve("images/mnist").resolve(f)).toList();
    }

    @Test
    void mnistZooModelRawPixels() {
        Preprocessing raw = Preprocessing.builder().name("mnist-raw").channels(ChannelOrder.GRAY).stretchTo(28, 28).scale(1f).build();
        try (ImageClassifier c = ImageClassifier.builder(OnnxLoader.load(shared().resolve("models/mnist-8/model.onnx")))
                .preprocessing(raw).topK(3).build()) {
            assertEquals(ScoreKind.LOGITS, c.scoreKind());
            List<List<Prediction>> r = c.classifyFiles(digits());
            for (int i = 0; i < DIGITS.size(); i++) {
                assertEquals(DIGIT_LABELS.get(i), r.get(i).getFirst().classIndex(), DIGITS.get(i) + ": " + r.get(i));
                assertEquals(3, r.get(i).size());
            }
            float sum = 0;
            for (Prediction p : c.classify(digits().getFirst())) {
                sum += p.probability();
            }
            assertTrue(sum <= 1.0001f && sum > 0.5f);
        }
    }

    @Test
    void mnistPytorchModelBatchesDynamically() {
        Preprocessing p = Preprocessing.builder().name("mnist-pytorch").channels(ChannelOrder.GRAY).stretchTo(28, 28)
                .scale(1 / 255f).mean(0.5f).std(0.5f).build();
        try (ImageClassifier c = ImageClassifier.builder(OnnxLoader.load(shared().resolve("models/mnist-cnn-pytorch/mnist-8.onnx")))
                .preprocessing(p).labels(Labels.parse("zero\none\ntwo\nthree\nfour\nfive\nsix\nseven\neight\nnine\n", "digits")).build()) {
            assertEquals(0, c.inputShape().fixedBatch());
            List<List<Prediction>> r = c.classifyFiles(digits());
            for (int i = 0; i < DIGITS.size(); i++) {
                assertEquals(DIGIT_LABELS.get(i), r.get(i).getFirst().classIndex(), DIGITS.get(i) + ": " + r.get(i));
            }
            assertEquals("seven", r.get(3).getFirst().label());
        }
    }

    private static Preprocessing cifar() {
        return Preprocessing.builder().name("cifar10").stretchTo(32, 32).scale(1 / 255f)
                .mean(0.4914f, 0.4822f, 0.4465f).std(0.2023f, 0.1994f, 0.2010f).build();
    }

    private static final Labels CIFAR = Labels.of(List.of("airplane", "automobile", "bird", "cat", "deer", "dog", "frog",
            "horse", "ship", "truck"));

    @Test
    void cifarResnet20AndConcurrentRunsAgree() throws Exception {
        try (ImageClassifier c = ImageClassifier.builder(OnnxLoader.load(shared().resolve("models/cifar10-resnet20-onnc/resnet20.onnx")))
                .preprocessing(cifar()).labels(CIFAR).build()) {
            Path airplane = shared().resolve("images/cifar10/djl_airplane1.png");
            Path horse = shared().resolve("images/cifar10/sclblonnx_horse5.png");
            assertEquals("airplane", c.classify(airplane).getFirst().label());
            assertEquals("horse", c.classify(horse).getFirst().label());
            // The model fixes batch 1: a list is run image by image.
            assertEquals(1, c.inputShape().fixedBatch());
            List<Path> inputs = List.of(airplane, horse, airplane, horse);
            List<List<Prediction>> sequential = c.classifyFiles(inputs);
            ExecutorService pool = Executors.newFixedThreadPool(8);
            try {
                List<Future<List<Prediction>>> futures = new ArrayList<>();
                for (int i = 0; i < 32; i++) {
                    Path img = inputs.get(i % inputs.size());
                    futures.add(pool.submit(() -> c.classify(img)));
                }
                for (int i = 0; i < futures.size(); i++) {
                    assertEquals(sequential.get(i % inputs.size()), futures.get(i).get(), "run " + i);
                }
            } finally {
                pool.shutdown();
            }
        }
    }
}
