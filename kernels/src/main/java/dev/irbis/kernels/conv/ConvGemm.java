package dev.irbis.kernels.conv;

import dev.irbis.kernels.gemm.Gemm;
import dev.irbis.kernels.gemm.PrepackedA;
import dev.irbis.kernels.gemm.RowFinisher;
import dev.irbis.kernels.gemm.VectorGemm;
import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.MemorySegment;

/**
 * Grouped N-D convolution as im2col + GEMM, one GEMM per image and group (row-major sgemm):
 * {@code Y[n, g] (Mg x outSize) = W[g] (Mg x Cg*K) * col (Cg*K x outSize)}. A pointwise window
 * (1x1, stride 1, no padding) skips im2col and multiplies the input planes directly. The epilogue (bias,
 * residual, ReLU) goes to the GEMM as a {@link dev.irbis.kernels.gemm.RowFinisher}, which the GEMM runs on
 * each block of output while it is still in cache.
 * Layouts: x [n, c, in...], w [m, c/group, k...], y [n, m, out...], all dense float32 from offset 0.
 * {@code col} must hold {@link #scratchFloats} floats (may be null when that is 0).
 * Threading: GEMM calls thread themselves (and the epilogue with them); im2col runs on {@code budget}.
 */
public final class ConvGemm {
    private ConvGemm() {
    }

    /** Floats of im2col scratch that {@link #run} needs: 0 for pointwise windows. */
    public static long scratchFloats(int c, int group, WindowGeometry g) {
        return g.isPointwise() ? 0 : (long) (c / group) * g.kernelSize() * g.outSize();
    }

    /** Single-threaded, bias only (the original contract). */
    public static void run(Gemm gemm, MemorySegment x, MemorySegment w, MemorySegment bias, MemorySegment y,
                           int n, int c, int m, int group, WindowGeometry g, MemorySegment col) {
        run(gemm, ThreadBudget.SINGLE, x, w, ConvEpilogue.bias(bias), y, n, c, m, group, g, col);
    }

    public static void run(Gemm gemm, ThreadBudget budget, MemorySegment x, MemorySegment w, ConvEpilogue epilogue,
                           MemorySegment y, int n, int c, int m, int group, WindowGeometry g, MemorySegment col) {
        int kdim = c / group * g.kernelSize();
        int mg = m / group;
        unfoldAndMultiply(budget, x, epilogue, y, n, c, m, group, g, col, (gr, b, bOff, ldb, yOff, outSize,
                                                                             finisher) -> {
            long wOff = (long) gr * mg * kdim;
            if (finisher == null) {
                gemm.sgemm(false, false, mg, outSize, kdim, 1f, w, wOff, kdim, b, bOff, ldb, 0f, y, yOff, outSize);
            } else {
                gemm.sgemm(false, false, mg, outSize, kdim, 1f, w, wOff, kdim, b, bOff, ldb, 0f, y, yOff, outSize,
                        finisher);
            }
        });
    }

    /**
     * One group, with the weights {@link PrepackedA prepacked} (m x c * kernelSize): the products read them in place,
     * which pays on small maps ({@link VectorGemm#prefersPrepackedA}).
     */
    public static void run(VectorGemm gemm, ThreadBudget budget, MemorySegment x, PrepackedA w, ConvEpilogue epilogue,
                           MemorySegment y, int n, int c, WindowGeometry g, MemorySegment col) {
        if (w.cols() != (long) c * g.kernelSize()) {
            throw new IllegalArgumentException("prepacked weights have " + w.cols() + " columns, expected " + c
                    + " x " + g.kernelSize());
        }
        unfoldAndMultiply(budget, x, epilogue, y, n, c, w.rows(), 1, g, col,
                (gr, b, bOff, ldb, yOff, outSize, finisher) -> gemm.sgemm(w, outSize, b, bOff, ldb, y, yOff, outSize,
                        finisher));
    }

    /** One group's product {@code Y[yOff..] = W[group] * B[bOff..]}, then the finisher (null: none). */
    @FunctionalInterface
    private interface GroupProduct {
        void multiply(int group, MemorySegment b, long bOff, int ldb, long yOff, int outSize, RowFinisher finisher);
    }

    private static void unfoldAndMultiply(ThreadBudget budget, MemorySegment x, ConvEpilogue epilogue, MemorySegment y,
                                          int n, int c, int m, int group, WindowGeometry g, MemorySegment col,
                                          GroupProduct product) {
        int cg = c / group;
        int mg = m / group;
        int outSize = Math.toIntExact(g.outSize());
        int inSize = Math.toIntExact(g.inSize());
        boolean pointwise = g.isPointwise();
        for (int img = 0; img < n; img++) {
            for (int gr = 0; gr < group; gr++) {
                long xOff = ((long) img * c + (long) gr * cg) * inSize;
                long yOff = ((long) img * m + (long) gr * mg) * outSize;
                MemorySegment bMatrix = x;
                long bOff = xOff;
                int ldb = inSize;
                if (!pointwise) {
                    Im2col.unfold(x, xOff, cg, g, col, budget);
                    bMatrix = col;
                    bOff = 0;
                    ldb = outSize;
                }
                int firstChannel = gr * mg;
                RowFinisher finisher = epilogue.isIdentity() ? null
                        : (seg, off, count, row) -> epilogue.apply(seg, off, count, firstChannel + row);
                product.multiply(gr, bMatrix, bOff, ldb, yOff, outSize, finisher);
            }
        }
    }
}
