package dev.irbis.kernels.softmax;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SoftmaxTest {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    @ParameterizedTest
    @CsvSource({"3,37,1,false", "3,37,1,true", "2,5,7,false", "2,5,7,true", "1,1000,1,false", "4,1,3,true"})
    void matchesDoublePrecisionTwin(long outer, long n, long inner, boolean log) {
        long size = outer * n * inner;
        Random rnd = new Random(size);
        try (Arena arena = Arena.ofConfined()) {
            MemorySegment x = arena.allocate(size * 4);
            for (long i = 0; i < size; i++) {
                // Large offsets: without the max subtraction exp would overflow.
                x.setAtIndex(F, i, rnd.nextFloat() * 20 + 1000);
            }
            MemorySegment y = arena.allocate(size * 4);
            Softmax.apply(x, y, outer, n, inner, log);
            for (long o = 0; o < outer; o++) {
                for (long j = 0; j < inner; j++) {
                    double max = Double.NEGATIVE_INFINITY;
                    for (long k = 0; k < n; k++) {
                        max = Math.max(max, x.getAtIndex(F, (o * n + k) * inner + j));
                    }
                    double sum = 0;
                    for (long k = 0; k < n; k++) {
                        sum += Math.exp(x.getAtIndex(F, (o * n + k) * inner + j) - max);
                    }
                    for (long k = 0; k < n; k++) {
                        long i = (o * n + k) * inner + j;
                        double e = x.getAtIndex(F, i) - max - Math.log(sum);
                        double want = log ? e : Math.exp(e);
                        assertEquals(want, y.getAtIndex(F, i), Math.abs(want) * 1e-5 + 1e-6);
                    }
                }
            }
        }
    }
}
