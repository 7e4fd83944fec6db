package dev.irbis.kernels.elementwise;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class FloatBinaryTest {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    /** Same shape, scalar either side, per-channel [C,1,1] vs [N,C,H,W], and a two-sided [3,1] vs [1,5] outer product. */
    private static final long[][][] CASES = {
        {{37}, {37}}, {{3, 13}, {1}}, {{1}, {2, 19}}, {{2, 3, 5, 7}, {3, 1, 1}}, {{3, 1}, {1, 5}}, {{2, 1, 9}, {4, 1}},
    };

    @ParameterizedTest
    @EnumSource(FloatBinary.Op.class)
    void broadcastRowsMatchScalarTwin(FloatBinary.Op op) {
        Random rnd = new Random(op.ordinal());
        try (Arena arena = Arena.ofConfined()) {
            for (long[][] c : CASES) {
                long[] out = broadcast(c[0], c[1]);
                MemorySegment a = random(arena, size(c[0]), rnd, op == FloatBinary.Op.POW);
                MemorySegment b = random(arena, size(c[1]), rnd, false);
                MemorySegment y = arena.allocate(size(out) * 4);
                long[] sa = bstrides(c[0], out);
                long[] sb = bstrides(c[1], out);
                StridedRows rows = StridedRows.plan(out, bstrides(out, out), sa, sb);
                rows.forEach((off, n) -> FloatBinary.row(op, a, off[1], rows.innerStride(1), b, off[2],
                        rows.innerStride(2), y, off[0], n));
                long[] idx = new long[out.length];
                for (long i = 0; i < size(out); i++) {
                    long ia = 0;
                    long ib = 0;
                    long rem = i;
                    for (int d = out.length - 1; d >= 0; d--) {
                        idx[d] = rem % out[d];
                        rem /= out[d];
                        ia += idx[d] * sa[d];
                        ib += idx[d] * sb[d];
                    }
                    float want = FloatBinary.scalar(op, a.getAtIndex(F, ia), b.getAtIndex(F, ib));
                    assertEquals(want, y.getAtIndex(F, i), Math.abs(want) * 1e-5f + 1e-6f, op + " case " + i);
                }
            }
        }
    }

    static MemorySegment random(Arena arena, long n, Random rnd, boolean positive) {
        MemorySegment s = arena.allocate(n * 4);
        for (long i = 0; i < n; i++) {
            float v = rnd.nextFloat() * 4 - 2;
            s.setAtIndex(F, i, positive ? Math.abs(v) + 0.1f : v == 0 ? 0.5f : v);
        }
        return s;
    }

    static long size(long[] dims) {
        long n = 1;
        for (long d : dims) {
            n *= d;
        }
        return n;
    }

    static long[] broadcast(long[] a, long[] b) {
        int r = Math.max(a.length, b.length);
        long[] out = new long[r];
        for (int i = 0; i < r; i++) {
            long da = i < r - a.length ? 1 : a[i - r + a.length];
            long db = i < r - b.length ? 1 : b[i - r + b.length];
            out[i] = Math.max(da, db);
        }
        return out;
    }

    static long[] bstrides(long[] dims, long[] target) {
        long[] s = new long[target.length];
        long acc = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            int t = i + target.length - dims.length;
            s[t] = dims[i] == 1 ? 0 : acc;
            acc *= dims[i];
        }
        return s;
    }
}
