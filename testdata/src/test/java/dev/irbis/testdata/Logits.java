package dev.irbis.testdata;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.stream.IntStream;

/** Comparison of an output with a reference: max |diff|, top-k indices, spread. */
final class Logits {
    private Logits() {
    }

    static double maxAbs(float[] v) {
        double m = 0;
        for (float x : v) {
            m = Math.max(m, Math.abs(x));
        }
        return m;
    }

    static double maxDiff(float[] a, float[] b) {
        assertEquals(b.length, a.length, "output sizes differ");
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            double d = Math.abs((double) a[i] - b[i]);
            if (Double.isNaN(d)) {
                return Double.NaN;
            }
            m = Math.max(m, d);
        }
        return m;
    }

    static double std(float[] v) {
        double mean = 0;
        for (float x : v) {
            mean += x;
        }
        mean /= v.length;
        double s = 0;
        for (float x : v) {
            s += (x - mean) * (x - mean);
        }
        return Math.sqrt(s / v.length);
    }

    static int[] topK(float[] v, int k) {
        return IntStream.range(0, v.length).boxed().sorted(Comparator.comparingDouble((Integer i) -> -v[i])).limit(k)
                .mapToInt(Integer::intValue).toArray();
    }

    static int argMax(float[] v) {
        return topK(v, 1)[0];
    }

    /**
     * Asserts {@code max |actual - ref| <= relTol * max(1, max |ref|)} and identical top-5 indices, and
     * prints the numbers. Returns the max diff.
     */
    static double assertClose(String label, float[] actual, float[] ref, double relTol) {
        double diff = maxDiff(actual, ref);
        double bound = relTol * Math.max(1, maxAbs(ref));
        int[] topRef = topK(ref, 5);
        int[] topAct = topK(actual, 5);
        System.out.printf("E2E %-44s max|diff| %.3e (bound %.1e)  max|ref| %.3f  std(ref) %.3f  top5 ref %s irbis %s%n",
                label, diff, bound, maxAbs(ref), std(ref), Arrays.toString(topRef), Arrays.toString(topAct));
        assertTrue(diff <= bound, label + ": max |diff| " + diff + " exceeds " + bound);
        assertArrayEquals(topRef, topAct, label + ": top-5 class indices differ");
        return diff;
    }
}
