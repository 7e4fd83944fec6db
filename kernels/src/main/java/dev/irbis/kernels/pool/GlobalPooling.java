package dev.irbis.kernels.pool;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Global pooling: one value per plane. x holds {@code planes} dense planes of {@code planeSize}
 * float32 from offset 0; y receives {@code planes} floats. Single-threaded.
 */
public final class GlobalPooling {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    private GlobalPooling() {
    }

    /** Mean of each plane, summed in double. */
    public static void average(MemorySegment x, MemorySegment y, long planes, long planeSize) {
        for (long p = 0; p < planes; p++) {
            double sum = 0;
            long base = p * planeSize;
            for (long i = 0; i < planeSize; i++) {
                sum += x.getAtIndex(F, base + i);
            }
            y.setAtIndex(F, p, (float) (sum / planeSize));
        }
    }

    /** Maximum of each plane; NaN propagates (as in ONNX Runtime's reduction). */
    public static void max(MemorySegment x, MemorySegment y, long planes, long planeSize) {
        for (long p = 0; p < planes; p++) {
            float best = Float.NEGATIVE_INFINITY;
            long base = p * planeSize;
            for (long i = 0; i < planeSize; i++) {
                float v = x.getAtIndex(F, base + i);
                if (Float.isNaN(v)) {
                    best = v;
                    break;
                }
                if (v > best) {
                    best = v;
                }
            }
            y.setAtIndex(F, p, best);
        }
    }
}
