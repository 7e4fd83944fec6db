package dev.irbis.testdata.models;

import dev.irbis.engine.api.Model;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.OnnxLoader;
import dev.irbis.testdata.onnx.OnnxModelWriter;
import java.io.IOException;
import java.lang.foreign.ValueLayout;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Sizes the classifier head so logits have a real spread. The model is built without its head and run
 * through Irbis on {@code samples} seeded N(0, 1) images; with {@code m} the mean pooled feature vector and
 * {@code d_k} each sample's deviation from it, logits {@code W (f - m)} with {@code W = s N(0, 1)} have a
 * spread across classes of about {@code s |d|}. {@code s} is chosen for a spread of {@link #TARGET_STD} on
 * fresh inputs, whose expected {@code |d|^2} is {@code (K + 1) / (K - 1)} times the calibration samples'.
 */
public final class HeadCalibration {
    public static final double TARGET_STD = 4.0;
    private static final long CALIBRATION_SEED = 7_000;

    private HeadCalibration() {
    }

    public static Head calibrate(ModelFamily family, long seed, Path workDir, int samples) throws IOException {
        if (samples < 2) {
            throw new IllegalArgumentException("calibration needs at least 2 samples");
        }
        Path dir = Files.createTempDirectory(Files.createDirectories(workDir), family.name() + "-calibration");
        Path file = dir.resolve("headless.onnx");
        int c = family.featureDim();
        double[][] features = new double[samples][c];
        try {
            OnnxModelWriter.write(family.build(null), file, family.externalData());
            try (Model model = OnnxLoader.load(file)) {
                int s = family.inputSize();
                for (int k = 0; k < samples; k++) {
                    float[] x = RandomInput.gaussian(CALIBRATION_SEED + k, 3 * s * s);
                    try (Tensor in = Tensor.allocate(DataType.FLOAT, 1, 3, s, s)) {
                        for (int i = 0; i < x.length; i++) {
                            in.data().setAtIndex(ValueLayout.JAVA_FLOAT, i, x[i]);
                        }
                        try (Tensor out = model.run(in)) {
                            if (out.size() != c) {
                                throw new IllegalStateException("headless " + family.name() + " gave " + out.size() + " features, expected " + c);
                            }
                            for (int i = 0; i < c; i++) {
                                features[k][i] = out.getFloat(i);
                            }
                        }
                    }
                }
            }
        } finally {
            try (var files = Files.list(dir)) {
                for (Path p : files.toList()) {
                    Files.deleteIfExists(p);
                }
            }
            Files.deleteIfExists(dir);
        }
        float[] mean = new float[c];
        for (int i = 0; i < c; i++) {
            double sum = 0;
            for (double[] f : features) {
                sum += f[i];
            }
            mean[i] = (float) (sum / samples);
        }
        double sq = 0;
        for (double[] f : features) {
            for (int i = 0; i < c; i++) {
                double d = f[i] - mean[i];
                sq += d * d;
            }
        }
        double rms = Math.sqrt(sq / samples);
        if (!(rms > 1e-12) || !Double.isFinite(rms)) {
            throw new IllegalStateException(family.name() + ": pooled features do not vary with the input (|d| = " + rms
                    + "); the generated body is degenerate");
        }
        double scale = TARGET_STD / (rms * Math.sqrt((samples + 1.0) / (samples - 1.0)));
        return new Head(family.classes(), scale, mean, new Weights(seed));
    }
}
