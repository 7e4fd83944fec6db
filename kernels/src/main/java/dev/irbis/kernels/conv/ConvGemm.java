package dev.irbis.kernels.conv;

import dev.irbis.kernels.gemm.Gemm;
import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.MemorySegment;

/**
 * Grouped N-D convolution as im2col + GEMM, one GEMM per image and group (row-major sgemm):
 * {@code Y[n, g] (Mg x outSize) = W[g] (Mg x Cg*K) * col (Cg*K x outSize)}. A pointwise window
 * (1x1, stride 1, no padding) skips im2col and multiplies the input planes directly. Each image's
 * output rows get the epilogue (bias, residual, ReLU) right after its GEMMs, while still in cache.
 * Layouts: x [n, c, in...], w [m, c/group, k...], y [n, m, out...], all dense float32 from offset 0.
 * {@code col} must hold {@link #scratchFloats} floats (may be null when that is 0).
 * Threading: GEMM calls thread themselves; im2col and the epilogue run on {@code budget} between them.
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
        int cg = c / group;
        int mg = m / group;
        int kdim = cg * g.kernelSize();
        int outSize = Math.toIntExact(g.outSize());
        int inSize = Math.toIntExact(g.inSize());
        boolean pointwise = g.isPointwise();
        for (int img = 0; img < n; img++) {
            for (int gr = 0; gr < group; gr++) {
                long xOff = ((long) img * c + (long) gr * cg) * inSize;
                long yOff = ((long) img * m + (long) gr * mg) * outSize;
                long wOff = (long) gr * mg * kdim;
                if (pointwise) {
                    gemm.sgemm(false, false, mg, outSize, kdim, 1f, w, wOff, kdim, x, xOff, inSize,
                            0f, y, yOff, outSize);
                } else {
                    Im2col.unfold(x, xOff, cg, g, col, budget);
                    gemm.sgemm(false, false, mg, outSize, kdim, 1f, w, wOff, kdim, col, 0, outSize,
                            0f, y, yOff, outSize);
                }
            }
            if (!epilogue.isIdentity()) {
                long imgOff = (long) img * m * outSize;
                budget.parallelRange(m, Math.max(1, 16384 / outSize), (s, e) -> {
                    for (int oc = (int) s; oc < e; oc++) {
                        epilogue.apply(y, imgOff + (long) oc * outSize, outSize, oc);
                    }
                });
            }
        }
    }
}
