package dev.irbis.kernels.gemm;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import java.util.Arrays;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Copies blocks of op(A) and op(B) into the contiguous layouts {@link MicroKernels} read; transposes
 * are absorbed here. Padding rows and columns are zeroed, so the kernels never see stale values.
 */
final class GemmPacking {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    private static final VectorSpecies<Float> S = MicroKernels.S;
    private static final int L = MicroKernels.L;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private GemmPacking() {
    }

    /**
     * Packs op(A)[i0 .. i0+mb, p0 .. p0+kb) row-major with row stride kb into dst; rows up to the next
     * multiple of {@link MicroKernels#ROWS} are zero. Row-major A (the convolution weights) is a plain row
     * copy, which is why the kernels read A by rows rather than in the classic interleaved order.
     */
    static void packA(boolean transA, MemorySegment a, long aOffset, int lda, int i0, int p0, int mb, int kb,
                      float[] dst) {
        if (!transA) {
            for (int r = 0; r < mb; r++) {
                long src = (aOffset + (long) (i0 + r) * lda + p0) * Float.BYTES;
                MemorySegment.copy(a, F, src, dst, r * kb, kb);
            }
        } else {
            for (int p = 0; p < kb; p++) {
                long row = aOffset + (long) (p0 + p) * lda + i0;
                for (int r = 0; r < mb; r++) {
                    dst[r * kb + p] = a.getAtIndex(F, row + r);
                }
            }
        }
        int padded = roundUp(mb, MicroKernels.ROWS);
        Arrays.fill(dst, mb * kb, padded * kb, 0f);
    }

    /**
     * Packs op(B)[p0 .. p0+kb, j0 .. j0+nb) as column panels of {@link MicroKernels#NR} columns, panel q at
     * {@code q * kb * NR}, each {@code [p][width]}; the last panel is narrower (2L, L or L / 2) when few columns
     * remain (see {@link #panelWidth}), or its last few columns are packed for {@link MicroKernels#tileDot}.
     * Columns past nb are zero.
     */
    static void packB(boolean transB, MemorySegment b, long bOffset, int ldb, int p0, int j0, int nb, int kb,
                      float[] dst) {
        int nr = MicroKernels.NR;
        int dotStart = nb - nb % nr;
        if (nb - dotStart > MicroKernels.DOT_COLUMNS) {
            dotStart = nb;
        } else {
            packDotColumns(transB, b, bOffset, ldb, p0, j0 + dotStart, nb - dotStart, kb, dst, dotStart * kb);
        }
        if (!transB) {
            for (int p = 0; p < kb; p++) {
                long row = bOffset + (long) (p0 + p) * ldb + j0;
                for (int j = 0; j < dotStart; j += nr) {
                    int width = panelWidth(nb - j);
                    int d = j * kb + p * width;
                    long src = (row + j) * Float.BYTES;
                    if (nb - j >= width && width >= L) {
                        for (int v = 0; v < width; v += L) {
                            FloatVector.fromMemorySegment(S, b, src + (long) v * Float.BYTES, LE).intoArray(dst, d + v);
                        }
                    } else {
                        int cols = Math.min(width, nb - j);
                        for (int jj = 0; jj < cols; jj++) {
                            dst[d + jj] = b.getAtIndex(F, row + j + jj);
                        }
                        Arrays.fill(dst, d + cols, d + width, 0f);
                    }
                }
            }
        } else {
            for (int j = 0; j < dotStart; j += nr) {
                int width = panelWidth(nb - j);
                int cols = Math.min(width, nb - j);
                int panel = j * kb;
                if (cols < width) {
                    Arrays.fill(dst, panel, panel + kb * width, 0f);
                }
                for (int jj = 0; jj < cols; jj++) {
                    long row = bOffset + (long) (j0 + j + jj) * ldb + p0;
                    for (int p = 0; p < kb; p++) {
                        dst[panel + p * width + jj] = b.getAtIndex(F, row + p);
                    }
                }
            }
        }
    }

    /** The last few columns for {@link MicroKernels#tileDot}: each column contiguous along p. */
    private static void packDotColumns(boolean transB, MemorySegment b, long bOffset, int ldb, int p0, int j0,
                                       int cols, int kb, float[] dst, int d) {
        for (int j = 0; j < cols; j++) {
            if (transB) {
                MemorySegment.copy(b, F, (bOffset + (long) (j0 + j) * ldb + p0) * Float.BYTES, dst, d + j * kb, kb);
            } else {
                for (int p = 0; p < kb; p++) {
                    dst[d + j * kb + p] = b.getAtIndex(F, bOffset + (long) (p0 + p) * ldb + j0 + j);
                }
            }
        }
    }

    /** Whether the panel that starts with {@code left} columns remaining is a {@link MicroKernels#tileDot} one. */
    static boolean isDotPanel(int left) {
        return left <= MicroKernels.DOT_COLUMNS;
    }

    /** The width of the column panel that starts with {@code left} columns remaining. */
    static int panelWidth(int left) {
        if (left > 2 * L) {
            return MicroKernels.NR;
        }
        return left > L ? 2 * L : left > MicroKernels.H ? L : MicroKernels.H;
    }

    static int roundUp(int x, int multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
