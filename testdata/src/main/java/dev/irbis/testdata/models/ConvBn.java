package dev.irbis.testdata.models;

/**
 * A convolution followed by batch normalisation, written the way one exporter writes it. Convolution
 * weights are He-normal ({@code std = sqrt(2 / fan_in)}) so unit-scale activations stay unit-scale.
 */
interface ConvBn {
    /**
     * @param module     module path of the conv, e.g. {@code layer1.0.conv1}
     * @param bnModule   module path of its norm, e.g. {@code layer1.0.bn1}
     * @param gammaScale factor on the norm's gamma and beta (0.2 for the last norm of a residual branch)
     * @return the output value name
     */
    String apply(String x, String module, String bnModule, int cin, int cout, int k, int stride, double gammaScale);

    static double heStd(int cin, int k) {
        return Math.sqrt(2.0 / (cin * k * k));
    }
}
