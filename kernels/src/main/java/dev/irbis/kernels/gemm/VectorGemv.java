package dev.irbis.kernels.gemm;

import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import dev.irbis.kernels.reduce.LaneSum;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorSpecies;

/**
 * The single-row case of sgemm, {@code c = alpha * x * op(B) + beta * c} with x the one row of op(A):
 * memory-bound, so it streams B once without packing. With transposed B each output is a dot product of
 * x with a contiguous row of B; otherwise rows of B are accumulated into column strips of c.
 * Columns are split over the threads.
 */
final class VectorGemv {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final VectorSpecies<Float> S = MicroKernels.S;
    private static final int L = MicroKernels.L;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ThreadLocal<float[][]> ROW = ThreadLocal.withInitial(() -> new float[][] {new float[0]});

    private VectorGemv() {
    }

    static void rowTimesMatrix(ThreadBudget threads, boolean transA, boolean transB, int n, int k, float alpha,
                               MemorySegment a, long aOffset, int lda, MemorySegment b, long bOffset, int ldb,
                               float beta, MemorySegment c, long cOffset) {
        float[] x = rowOf(transA, a, aOffset, lda, k);
        long minChunk = Math.max(1, (1L << 16) / k);
        if (transB) {
            threads.parallelRange(n, minChunk, (s, e) -> dots(x, k, (int) s, (int) e, alpha, b, bOffset, ldb,
                    beta, c, cOffset));
        } else {
            long strips = (n + 4L * L - 1) / (4L * L);
            threads.parallelRange(strips, Math.max(1, minChunk / (4L * L)), (s, e) -> {
                for (long q = s; q < e; q++) {
                    int j0 = (int) q * 4 * L;
                    strip(x, k, j0, Math.min(n, j0 + 4 * L), alpha, b, bOffset, ldb, beta, c, cOffset);
                }
            });
        }
    }

    /** op(A)'s single row as a contiguous array (the caller's thread-local buffer, read by the workers). */
    private static float[] rowOf(boolean transA, MemorySegment a, long aOffset, int lda, int k) {
        float[][] holder = ROW.get();
        if (holder[0].length < k) {
            holder[0] = new float[k];
        }
        float[] x = holder[0];
        if (!transA) {
            MemorySegment.copy(a, F, aOffset * Float.BYTES, x, 0, k);
        } else {
            for (int p = 0; p < k; p++) {
                x[p] = a.getAtIndex(F, aOffset + (long) p * lda);
            }
        }
        return x;
    }

    private static void dots(float[] x, int k, int j0, int j1, float alpha, MemorySegment b, long bOffset,
                             int ldb, float beta, MemorySegment c, long cOffset) {
        int kv = k - k % L;
        int j = j0;
        for (; j + 4 <= j1; j += 4) {
            long r0 = (bOffset + (long) j * ldb) * Float.BYTES;
            long r1 = r0 + (long) ldb * Float.BYTES;
            long r2 = r1 + (long) ldb * Float.BYTES;
            long r3 = r2 + (long) ldb * Float.BYTES;
            FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
            FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
            for (int p = 0; p < kv; p += L) {
                FloatVector xv = FloatVector.fromArray(S, x, p);
                long off = (long) p * Float.BYTES;
                s0 = xv.fma(FloatVector.fromMemorySegment(S, b, r0 + off, LE), s0);
                s1 = xv.fma(FloatVector.fromMemorySegment(S, b, r1 + off, LE), s1);
                s2 = xv.fma(FloatVector.fromMemorySegment(S, b, r2 + off, LE), s2);
                s3 = xv.fma(FloatVector.fromMemorySegment(S, b, r3 + off, LE), s3);
            }
            // Folded as MicroKernels.tileDot does, in Vector API calls only (a helper taking the vectors boxed them).
            if (L >= 16) {
                s0 = s0.add(s0.rearrange(MicroKernels.FOLD_8));
                s1 = s1.add(s1.rearrange(MicroKernels.FOLD_8));
                s2 = s2.add(s2.rearrange(MicroKernels.FOLD_8));
                s3 = s3.add(s3.rearrange(MicroKernels.FOLD_8));
            }
            if (L >= 8) {
                s0 = s0.add(s0.rearrange(MicroKernels.FOLD_4));
                s1 = s1.add(s1.rearrange(MicroKernels.FOLD_4));
                s2 = s2.add(s2.rearrange(MicroKernels.FOLD_4));
                s3 = s3.add(s3.rearrange(MicroKernels.FOLD_4));
            }
            if (L >= 4) {
                s0 = s0.add(s0.rearrange(MicroKernels.FOLD_2));
                s1 = s1.add(s1.rearrange(MicroKernels.FOLD_2));
                s2 = s2.add(s2.rearrange(MicroKernels.FOLD_2));
                s3 = s3.add(s3.rearrange(MicroKernels.FOLD_2));
            }
            float d0 = s0.add(s0.rearrange(MicroKernels.FOLD_1)).lane(0);
            float d1 = s1.add(s1.rearrange(MicroKernels.FOLD_1)).lane(0);
            float d2 = s2.add(s2.rearrange(MicroKernels.FOLD_1)).lane(0);
            float d3 = s3.add(s3.rearrange(MicroKernels.FOLD_1)).lane(0);
            for (int p = kv; p < k; p++) {
                long off = (long) p * Float.BYTES;
                d0 += x[p] * b.get(F, r0 + off);
                d1 += x[p] * b.get(F, r1 + off);
                d2 += x[p] * b.get(F, r2 + off);
                d3 += x[p] * b.get(F, r3 + off);
            }
            put(c, cOffset + j, d0, alpha, beta);
            put(c, cOffset + j + 1, d1, alpha, beta);
            put(c, cOffset + j + 2, d2, alpha, beta);
            put(c, cOffset + j + 3, d3, alpha, beta);
        }
        for (; j < j1; j++) {
            long r = (bOffset + (long) j * ldb) * Float.BYTES;
            FloatVector s = FloatVector.zero(S);
            for (int p = 0; p < kv; p += L) {
                s = FloatVector.fromArray(S, x, p).fma(FloatVector.fromMemorySegment(S, b, r + (long) p * Float.BYTES, LE), s);
            }
            float d = LaneSum.of(s);
            for (int p = kv; p < k; p++) {
                d += x[p] * b.get(F, r + (long) p * Float.BYTES);
            }
            put(c, cOffset + j, d, alpha, beta);
        }
    }

    /** Columns [j0, j1) (at most 4L) of c, accumulating x[p] * B[p, j0..j1) over all p. */
    private static void strip(float[] x, int k, int j0, int j1, float alpha, MemorySegment b, long bOffset,
                              int ldb, float beta, MemorySegment c, long cOffset) {
        int w = j1 - j0;
        VectorMask<Float> m0 = S.indexInRange(0, w), m1 = S.indexInRange(L, w);
        VectorMask<Float> m2 = S.indexInRange(2 * L, w), m3 = S.indexInRange(3 * L, w);
        FloatVector s0 = FloatVector.zero(S), s1 = FloatVector.zero(S);
        FloatVector s2 = FloatVector.zero(S), s3 = FloatVector.zero(S);
        long vb = (long) L * Float.BYTES;
        for (int p = 0; p < k; p++) {
            FloatVector xv = FloatVector.broadcast(S, x[p]);
            long row = (bOffset + (long) p * ldb + j0) * Float.BYTES;
            if (w == 4 * L) {
                s0 = xv.fma(FloatVector.fromMemorySegment(S, b, row, LE), s0);
                s1 = xv.fma(FloatVector.fromMemorySegment(S, b, row + vb, LE), s1);
                s2 = xv.fma(FloatVector.fromMemorySegment(S, b, row + 2 * vb, LE), s2);
                s3 = xv.fma(FloatVector.fromMemorySegment(S, b, row + 3 * vb, LE), s3);
            } else {
                s0 = xv.fma(FloatVector.fromMemorySegment(S, b, row, LE, m0), s0);
                s1 = xv.fma(FloatVector.fromMemorySegment(S, b, row + vb, LE, m1), s1);
                s2 = xv.fma(FloatVector.fromMemorySegment(S, b, row + 2 * vb, LE, m2), s2);
                s3 = xv.fma(FloatVector.fromMemorySegment(S, b, row + 3 * vb, LE, m3), s3);
            }
        }
        long off = (cOffset + j0) * Float.BYTES;
        putVector(s0, m0, c, off, alpha, beta);
        putVector(s1, m1, c, off + vb, alpha, beta);
        putVector(s2, m2, c, off + 2 * vb, alpha, beta);
        putVector(s3, m3, c, off + 3 * vb, alpha, beta);
    }

    private static void putVector(FloatVector sum, VectorMask<Float> m, MemorySegment c, long byteOff, float alpha,
                                  float beta) {
        FloatVector out = sum.mul(alpha);
        if (beta != 0) {
            out = FloatVector.fromMemorySegment(S, c, byteOff, LE, m).fma(FloatVector.broadcast(S, beta), out);
        }
        out.intoMemorySegment(c, byteOff, LE, m);
    }

    private static void put(MemorySegment c, long index, float dot, float alpha, float beta) {
        float prior = beta == 0 ? 0f : beta * c.getAtIndex(F, index);
        c.setAtIndex(F, index, alpha * dot + prior);
    }
}
