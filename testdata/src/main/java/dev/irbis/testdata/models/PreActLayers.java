package dev.irbis.testdata.models;

/** The norm and conv layers of a pre-activation ResNet, as one exporter writes them. */
interface PreActLayers {
    /** Normalisation with its affine transform; the ReLU after it is written by the caller. */
    String norm(String x, String module, int channels);

    /** Convolution without bias, padding {@code k / 2}; {@code scale} multiplies the weight's standard deviation. */
    String conv(String x, String module, int cin, int cout, int k, int stride, double scale);
}
