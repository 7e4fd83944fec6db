package dev.irbis.engine.api;

/** Numerically stable softmax over one row of scores (the maximum is subtracted before exp). */
final class Softmax {
    private Softmax() {
    }

    static float[] of(float[] logits, int from, int count) {
        double max = Double.NEGATIVE_INFINITY;
        for (int i = 0; i < count; i++) {
            max = Math.max(max, logits[from + i]);
        }
        double[] e = new double[count];
        double sum = 0;
        for (int i = 0; i < count; i++) {
            e[i] = Math.exp(logits[from + i] - max);
            sum += e[i];
        }
        float[] out = new float[count];
        for (int i = 0; i < count; i++) {
            out[i] = (float) (e[i] / sum);
        }
        return out;
    }
}
