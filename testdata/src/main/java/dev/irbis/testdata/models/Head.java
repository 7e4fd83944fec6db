package dev.irbis.testdata.models;

import dev.irbis.testdata.onnx.FloatSource;
import java.util.function.Supplier;

/**
 * A linear classifier head over pooled features: {@code W = scale * N(0, 1)} of shape [classes, features]
 * (row-major, also the layout of a 1x1 conv weight), bias {@code -W m} with {@code m} the mean feature
 * vector measured on calibration inputs, so that logits are centred and vary with the input.
 */
public record Head(int classes, double scale, float[] featureMean, Weights weights) {
    static final String WEIGHT_SEED_NAME = "head.weight";

    public Supplier<FloatSource> weight() {
        return weights.gaussian(WEIGHT_SEED_NAME, 0, scale);
    }

    /** {@code -W m}, regenerating W a row at a time (the R152x4 head is 700 MB). */
    public float[] bias() {
        int features = featureMean.length;
        FloatSource w = weight().get();
        float[] row = new float[features];
        float[] b = new float[classes];
        for (int j = 0; j < classes; j++) {
            w.next(row, features);
            double s = 0;
            for (int c = 0; c < features; c++) {
                s += (double) row[c] * featureMean[c];
            }
            b[j] = (float) -s;
        }
        return b;
    }
}
