package dev.irbis.bench;

import java.util.Arrays;
import java.util.Comparator;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

/**
 * The correctness gate run before a model is timed: identical top-5 classes per image of the batch, and
 * {@code max |diff| <= max(1e-4 * max(1, max |ref|), 10 * sensitivity)}, where the first term is the rule of testdata's
 * end-to-end tests and {@code sensitivity} is how far the reference itself moves when each input value moves by one
 * ulp ({@link #perturbByOneUlp}). Why the second term: a deep model amplifies float32 rounding, and a second float32
 * implementation rounds differently in every layer, so where a one-ulp change of the input alone moves the
 * reference by 1e-4 of its scale no float32 engine can meet 1e-4. Measured on the benchmark's inputs (ONNX Runtime
 * NO_OPT, seeded weights, one-ulp sensitivity as a fraction of max |ref|): ResNet-50 5.8-7.0e-6 and BiT-M R50x1
 * 2.0-2.2e-5, so the 1e-4 rule stays the bound on ResNet-50 and 10x sensitivity widens it to 2.2e-4 of the scale
 * on R50x1; BiT-M R152x4 1.1e-4. Irbis's distance from the reference is 1.3-2.9 times the sensitivity on
 * ResNet-50, 3.0-3.4 on R50x1 and 5.7 on R152x4: rounding enters at every layer, not only at the input, and
 * grows with depth and with Winograd (whose rounding is a few times im2col's); hence the factor 10. A real error stays
 * outside it: ONNX Runtime's own Pad+MaxPool fusion, which changes only border values (the trap that makes NO_OPT the
 * reference), moves R50x1 by 0.137 (BASIC_OPT, 2x its bound of 3.3e-3) and R152x4 by 0.58 (ALL_OPT, 30x).
 * A fast wrong answer is not a result, so a failure stops the benchmark.
 */
public final class OutputCheck {
    public static final double REL_TOL = 1e-4;
    /** Multiple of the reference's one-ulp sensitivity that the difference may reach (see the class comment). */
    public static final double SENSITIVITY_FACTOR = 10;

    private OutputCheck() {
    }

    /**
     * Throws {@link IllegalStateException} saying what differs when {@code actual} is not close to {@code ref};
     * returns max |diff| otherwise.
     */
    public static double requireClose(String label, float[] actual, float[] ref, int batch) {
        return requireClose(label, actual, ref, 0, batch);
    }

    /**
     * As {@link #requireClose(String, float[], float[], int)} with the bound widened to {@code SENSITIVITY_FACTOR}
     * times {@code sensitivity} (the reference's max |change| under {@link #perturbByOneUlp}) where that is larger.
     */
    public static double requireClose(String label, float[] actual, float[] ref, double sensitivity, int batch) {
        if (actual.length != ref.length) {
            throw new IllegalStateException(label + ": output has " + actual.length + " values, ONNX Runtime's has " + ref.length);
        }
        double maxRef = 0;
        double diff = 0;
        for (int i = 0; i < ref.length; i++) {
            maxRef = Math.max(maxRef, Math.abs(ref[i]));
            double d = Math.abs((double) actual[i] - ref[i]);
            diff = Double.isNaN(d) || Double.isNaN(diff) ? Double.NaN : Math.max(diff, d);
        }
        double bound = bound(ref, sensitivity);
        if (!(diff <= bound)) {
            throw new IllegalStateException(String.format("%s: output differs from ONNX Runtime (NO_OPT): max |diff| %.3e exceeds %.3e "
                    + "(the larger of 1e-4 * max(1, max |ref| = %.3f) and %.0f * the reference's one-ulp sensitivity %.3e); "
                    + "not benchmarking a wrong result", label, diff, bound, maxRef, SENSITIVITY_FACTOR, sensitivity));
        }
        int classes = ref.length / batch;
        for (int b = 0; b < batch; b++) {
            int[] topRef = top5(ref, b * classes, classes);
            int[] topAct = top5(actual, b * classes, classes);
            if (!Arrays.equals(topRef, topAct)) {
                throw new IllegalStateException(label + ": top-5 classes of image " + b + " differ from ONNX Runtime (NO_OPT): "
                        + Arrays.toString(topAct) + " vs " + Arrays.toString(topRef) + "; not benchmarking a wrong result");
            }
        }
        return diff;
    }

    /** The bound on max |diff| for this reference and its one-ulp sensitivity. */
    public static double bound(float[] ref, double sensitivity) {
        double maxRef = 0;
        for (float v : ref) {
            maxRef = Math.max(maxRef, Math.abs(v));
        }
        return Math.max(REL_TOL * Math.max(1, maxRef), SENSITIVITY_FACTOR * sensitivity);
    }

    /** {@code data} with each value moved one ulp up or down, by a coin seeded with {@code seed}. */
    public static float[] perturbByOneUlp(float[] data, long seed) {
        SplittableRandom coin = new SplittableRandom(seed);
        float[] out = new float[data.length];
        for (int i = 0; i < data.length; i++) {
            out[i] = coin.nextBoolean() ? Math.nextUp(data[i]) : Math.nextDown(data[i]);
        }
        return out;
    }

    /** max |a - b|, NaN if either holds a NaN where the other does not match it. */
    public static double maxDiff(float[] a, float[] b) {
        if (a.length != b.length) {
            throw new IllegalArgumentException("outputs of " + a.length + " and " + b.length + " values");
        }
        double diff = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            diff = Double.isNaN(d) || Double.isNaN(diff) ? Double.NaN : Math.max(diff, d);
        }
        return diff;
    }

    static int[] top5(float[] v, int from, int count) {
        return IntStream.range(0, count).boxed().sorted(Comparator.comparingDouble((Integer i) -> -v[from + i]))
                .limit(5).mapToInt(Integer::intValue).toArray();
    }
}
