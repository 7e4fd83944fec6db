package dev.irbis.kernels.reduce;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FloatReduceTest {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final long[] DIMS = {3, 5, 7, 19};
    private static final boolean[][] AXES = {
        {false, false, false, true}, {false, false, true, true}, {true, false, false, false}, {false, true, false, true},
        {true, true, true, true}, {false, false, false, false},
    };

    @ParameterizedTest
    @EnumSource(FloatReduce.Kind.class)
    void matchesScalarTwin(FloatReduce.Kind kind) {
        long n = 3 * 5 * 7 * 19;
        Random rnd = new Random(kind.ordinal());
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = arena.allocate(n * 4);
            for (long i = 0; i < n; i++) {
                x.setAtIndex(F, i, rnd.nextFloat() * 2 - 1);
            }
            for (boolean[] reduced : AXES) {
                MemorySegment y = arena.allocate(n * 4);
                FloatReduce.reduce(kind, x, DIMS, reduced, y);
                double[] want = twin(kind, x, reduced);
                for (int i = 0; i < want.length; i++) {
                    assertEquals(want[i], y.getAtIndex(F, i), 1e-4, kind + " output " + i);
                }
            }
        }
    }

    private static double[] twin(FloatReduce.Kind kind, MemorySegment x, boolean[] reduced) {
        long[] yd = DIMS.clone();
        long count = 1;
        for (int d = 0; d < 4; d++) {
            if (reduced[d]) {
                yd[d] = 1;
                count *= DIMS[d];
            }
        }
        double[] y = new double[(int) (yd[0] * yd[1] * yd[2] * yd[3])];
        java.util.Arrays.fill(y, kind == FloatReduce.Kind.MAX ? Double.NEGATIVE_INFINITY
                : kind == FloatReduce.Kind.MIN ? Double.POSITIVE_INFINITY : 0);
        long i = 0;
        for (int a = 0; a < DIMS[0]; a++) {
            for (int b = 0; b < DIMS[1]; b++) {
                for (int c = 0; c < DIMS[2]; c++) {
                    for (int d = 0; d < DIMS[3]; d++) {
                        long[] o = {reduced[0] ? 0 : a, reduced[1] ? 0 : b, reduced[2] ? 0 : c, reduced[3] ? 0 : d};
                        int oi = (int) (((o[0] * yd[1] + o[1]) * yd[2] + o[2]) * yd[3] + o[3]);
                        double v = x.getAtIndex(F, i++);
                        y[oi] = switch (kind) {
                            case SUM, MEAN -> y[oi] + v;
                            case MAX -> Math.max(y[oi], v);
                            case MIN -> Math.min(y[oi], v);
                        };
                    }
                }
            }
        }
        if (kind == FloatReduce.Kind.MEAN) {
            for (int j = 0; j < y.length; j++) {
                y[j] /= count;
            }
        }
        return y;
    }
}
