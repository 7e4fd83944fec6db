package dev.irbis.kernels.gemm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * A constant op(A) (a convolution's weights) copied once into the form {@link VectorGemm}'s micro-kernels read in
 * place: a heap array, row-major, with rows up to the next multiple of the kernels' six-row tile zero. With it a
 * product skips packing A, which dominates when few columns of B share each row of A: a 7 x 7 map's 49 columns
 * (see {@link VectorGemm#prefersPrepackedA}). Immutable once built; safe to share between threads.
 */
public final class PrepackedA {
    private final float[] data;
    private final int rows;
    private final int cols;

    private PrepackedA(float[] data, int rows, int cols) {
        this.data = data;
        this.rows = rows;
        this.cols = cols;
    }

    /** Whether an m x k matrix fits one array in this form. */
    public static boolean fits(int m, int k) {
        return (long) paddedRows(m) * k <= Integer.MAX_VALUE - 8;
    }

    /** Copies the m x k row-major matrix at element {@code offset} of {@code a} (leading dimension k). */
    public static PrepackedA of(MemorySegment a, long offset, int m, int k) {
        if (m < 1 || k < 1 || !fits(m, k)) {
            throw new IllegalArgumentException("cannot prepack a " + m + " x " + k + " matrix");
        }
        float[] data = new float[paddedRows(m) * k];
        MemorySegment.copy(a, ValueLayout.JAVA_FLOAT_UNALIGNED, offset * Float.BYTES, data, 0, m * k);
        return new PrepackedA(data, m, k);
    }

    public int rows() {
        return rows;
    }

    public int cols() {
        return cols;
    }

    /** Heap bytes held. */
    public long bytes() {
        return (long) data.length * Float.BYTES;
    }

    float[] data() {
        return data;
    }

    private static int paddedRows(int m) {
        return (m + MicroKernels.ROWS - 1) / MicroKernels.ROWS * MicroKernels.ROWS;
    }
}
