package dev.irbis.kernels.conv;

import dev.irbis.kernels.gemm.Gemm;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * Grouped N-D convolution as im2col + GEMM, one GEMM per image and group (row-major sgemm):
 * {@code Y[n, g] (Mg x outSize) = W[g] (Mg x Cg*K) * col (Cg*K x outSize)}. A pointwise window
 * (1x1, stride 1, no padding) skips im2col and multiplies the input planes directly.
 * Layouts: x [n, c, in...], w [m, c/group, k...], bias [m] or null, y [n, m, out...], all dense
 * float32 from offset 0. {@code col} must hold {@link #scratchFloats} floats (may be null when that is 0).
 * Threading comes from the GEMM implementation.
 */
public final class ConvGemm {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private ConvGemm() {
    }

    /** Floats of im2col scratch that {@link #run} needs: 0 for pointwise windows. */
    public static long scratchFloats(int c, int group, WindowGeometry g) {
        return g.isPointwise() ? 0 : (long) (c / group) * g.kernelSize() * g.outSize();
    }

    public static void run(Gemm gemm, MemorySegment x, MemorySegment w, MemorySegment bias, MemorySegment y,
                           int n, int c, int m, int group, WindowGeometry g, MemorySegment col) {
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
                    Im2col.unfold(x, xOff, cg, g, col);
                    gemm.sgemm(false, false, mg, outSize, kdim, 1f, w, wOff, kdim, col, 0, outSize,
                            0f, y, yOff, outSize);
                }
            }
            if (bias != null) {
                addBias(y, (long) img * m * outSize, m, outSize, bias);
            }
        }
    }

    private static void addBias(MemorySegment y, long off, int m, int len, MemorySegment bias) {
        for (int oc = 0; oc < m; oc++) {
            float b = bias.getAtIndex(ValueLayout.JAVA_FLOAT_UNALIGNED, oc);
            long base = (off + (long) oc * len) * 4;
            FloatVector bv = FloatVector.broadcast(S, b);
            int i = 0;
            for (int bound = S.loopBound(len); i < bound; i += S.length()) {
                long at = base + (long) i * 4;
                FloatVector.fromMemorySegment(S, y, at, LE).add(bv).intoMemorySegment(y, at, LE);
            }
            for (; i < len; i++) {
                long at = base + (long) i * 4;
                y.set(ValueLayout.JAVA_FLOAT_UNALIGNED, at, y.get(ValueLayout.JAVA_FLOAT_UNALIGNED, at) + b);
            }
        }
    }
}
