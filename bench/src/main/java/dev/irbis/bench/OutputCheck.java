package dev.irbis.bench;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/**
 * The correctness gate run before a model is timed, the same rule as testdata's end-to-end tests:
 * {@code max |diff| <= 1e-4 * max(1, max |ref|)} and identical top-5 classes, per image of the batch.
 * A fast wrong answer is not a result, so a failure stops the benchmark.
 */
public final class OutputCheck {
    public static final double REL_TOL = 1e-4;

    private OutputCheck() {
    }

    /**
     * Throws {@link IllegalStateException} saying what differs when {@code actual} is not close to {@code ref};
     * returns max |diff| otherwise.
     */
    public static double requireClose(String label, float[] actual, float[] ref, int batch) {
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
        double bound = REL_TOL * Math.max(1, maxRef);
        if (!(diff <= bound)) {
            throw new IllegalStateException(String.format("%s: output differs from ONNX Runtime (NO_OPT): max |diff| %.3e exceeds %.3e "
                    + "(1e-4 * max(1, max |ref| = %.3f)); not benchmarking a wrong result", label, diff, bound, maxRef));
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

    static int[] top5(float[] v, int from, int count) {
        return IntStream.range(0, count).boxed().sorted(Comparator.comparingDouble((Integer i) -> -v[from + i]))
                .limit(5).mapToInt(Integer::intValue).toArray();
    }
}
