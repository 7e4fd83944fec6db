package dev.irbis.testdata.models;

/**
 * Seeded affine and running-statistics parameters of one normalisation layer. {@code gamma ~ U(0.75, 1.25)},
 * {@code beta ~ N(0, 0.1^2)}, running mean {@code ~ N(0, 0.1^2)}, running var {@code ~ U(0.8, 1.2)}: close to
 * what a trained network holds for unit-scale activations, so that activations stay unit-scale through depth.
 * {@code scale} shrinks gamma and beta, as for the last norm of a residual branch.
 */
public record NormParams(float[] gamma, float[] beta, float[] mean, float[] var) {
    public static NormParams of(Weights w, String name, int channels, double scale) {
        float[] gamma = w.uniform(name + ".weight", channels, 0.75, 1.25);
        float[] beta = w.gaussianArray(name + ".bias", channels, 0, 0.1);
        for (int c = 0; c < channels; c++) {
            gamma[c] *= (float) scale;
            beta[c] *= (float) scale;
        }
        return new NormParams(gamma, beta, w.gaussianArray(name + ".running_mean", channels, 0, 0.1),
                w.uniform(name + ".running_var", channels, 0.8, 1.2));
    }
}
