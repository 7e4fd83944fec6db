package dev.irbis.kernels.conv;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The weight transform of Winograd F(4x4, 3x3): {@code U = G g G^T} for every 3x3 filter, computed in
 * double. Input w is ONNX [M, C, 3, 3]; the result is [36][Mp][C] (position {@code xi = 6 * r + s} of the
 * 6x6 tile major), which makes each of the 36 products a row-major [Mp x C] times [C x tiles] product.
 */
public final class WinogradWeights {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** G of F(4, 3) (Lavin and Gray), interpolation points 0, 1, -1, 2, -2 and infinity. */
    static final double[][] G = {
        {1.0 / 4, 0, 0},
        {-1.0 / 6, -1.0 / 6, -1.0 / 6},
        {-1.0 / 6, 1.0 / 6, -1.0 / 6},
        {1.0 / 24, 1.0 / 12, 1.0 / 6},
        {1.0 / 24, -1.0 / 12, 1.0 / 6},
        {0, 0, 1},
    };

    private WinogradWeights() {
    }

    /** Output channels padded to whole register tiles of {@link WinogradProduct#ROWS} rows. */
    public static int paddedRows(int m) {
        return (m + WinogradProduct.ROWS - 1) / WinogradProduct.ROWS * WinogradProduct.ROWS;
    }

    /** Whether {@link #pack} can hold m x c filters in one array. */
    public static boolean fitsArray(int m, int c) {
        return 36L * paddedRows(m) * c <= Integer.MAX_VALUE - 8;
    }

    /**
     * The transformed weights in the order {@link WinogradProduct} reads them: [36][Mp][C] with
     * Mp = {@link #paddedRows}(m) and rows past m zero. Throws IllegalArgumentException when that exceeds an
     * array (the caller should then not choose Winograd).
     */
    public static float[] pack(MemorySegment w, int m, int c) {
        int mp = paddedRows(m);
        long size = 36L * mp * c;
        if (!fitsArray(m, c)) {
            throw new IllegalArgumentException("Winograd weights of " + m + " x " + c + " filters exceed an array");
        }
        float[] u = new float[(int) size];
        double[] gg = new double[9];
        double[] tmp = new double[18];
        int plane = mp * c;
        for (int oc = 0; oc < m; oc++) {
            for (int ic = 0; ic < c; ic++) {
                long base = ((long) oc * c + ic) * 9;
                for (int i = 0; i < 9; i++) {
                    gg[i] = w.getAtIndex(F, base + i);
                }
                // tmp = G g (6 x 3)
                for (int r = 0; r < 6; r++) {
                    for (int j = 0; j < 3; j++) {
                        tmp[r * 3 + j] = G[r][0] * gg[j] + G[r][1] * gg[3 + j] + G[r][2] * gg[6 + j];
                    }
                }
                // U = tmp G^T (6 x 6)
                for (int r = 0; r < 6; r++) {
                    for (int s = 0; s < 6; s++) {
                        double v = tmp[r * 3] * G[s][0] + tmp[r * 3 + 1] * G[s][1] + tmp[r * 3 + 2] * G[s][2];
                        u[(r * 6 + s) * plane + oc * c + ic] = (float) v;
                    }
                }
            }
        }
        return u;
    }
}
