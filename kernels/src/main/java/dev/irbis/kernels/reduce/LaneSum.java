package dev.irbis.kernels.reduce;

import jdk.incubator.vector.FloatVector;

/**
 * Sums a vector's lanes in lane order. {@code reduceLanes(ADD)} leaves the order unspecified, and it
 * does differ between interpreted and compiled code: a model loaded while the JIT warms up would then
 * get weights (or results) a rounding step apart from one loaded later. A fixed order keeps every run
 * and every load bit-identical.
 */
public final class LaneSum {
    private LaneSum() {
    }

    public static float of(FloatVector v) {
        float s = 0f;
        for (int i = 0; i < v.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }

    /** The lanes summed in double, in lane order. */
    public static double ofDouble(FloatVector v) {
        double s = 0;
        for (int i = 0; i < v.length(); i++) {
            s += v.lane(i);
        }
        return s;
    }
}
