package dev.irbis.kernels.conv;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The weight transform of Winograd F(m x m, 3x3): {@code U = G g G^T} for every 3x3 filter, computed in
 * double. Input w is ONNX [M, C, 3, 3]; the result holds, for each of the tile's P = (m + 2)^2 positions
 * (position {@code xi = (m + 2) * r + s} major), the [Mp x C] matrix of one of the P products [Mp x C] times
 * [C x tiles], in slivers of {@link WinogradProduct#ROWS} rows: [P][Mp / ROWS][C][ROWS].
 */
public final class WinogradWeights {
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;
    /** G of F(4, 3) (Lavin and Gray), interpolation points 0, 1, -1, 2, -2 and infinity. */
    static final double[][] G4 = {
        {1.0 / 4, 0, 0},
        {-1.0 / 6, -1.0 / 6, -1.0 / 6},
        {-1.0 / 6, 1.0 / 6, -1.0 / 6},
        {1.0 / 24, 1.0 / 12, 1.0 / 6},
        {1.0 / 24, -1.0 / 12, 1.0 / 6},
        {0, 0, 1},
    };
    /** G of F(2, 3), interpolation points 0, 1, -1 and infinity. */
    static final double[][] G2 = {
        {1, 0, 0},
        {0.5, 0.5, 0.5},
        {0.5, -0.5, 0.5},
        {0, 0, 1},
    };

    private WinogradWeights() {
    }

    /** Output channels padded to whole register tiles of {@link WinogradProduct#ROWS} rows. */
    public static int paddedRows(int m) {
        return (m + WinogradProduct.ROWS - 1) / WinogradProduct.ROWS * WinogradProduct.ROWS;
    }

    /** Whether {@link #pack} can hold m x c filters in one array. */
    public static boolean fitsArray(WinogradTile tile, int m, int c) {
        return (long) tile.positions * paddedRows(m) * c <= Integer.MAX_VALUE - 8;
    }

    /**
     * The transformed weights in the order {@link WinogradProduct} reads them: [P][Mp / 6][C][6] with
     * Mp = {@link #paddedRows}(m) and rows past m zero; element (xi, row, ic) at
     * {@code xi * Mp * C + (row / 6 * C + ic) * 6 + row % 6}. A register tile's six rows are then one sequential
     * stream, which the products read from memory (at batch 1 the larger layers' weights are past the caches) faster
     * than six rows C floats apart: 0.72-0.98x the product's time on ResNet-50's layers (one JVM, both orders).
     * Throws IllegalArgumentException when that exceeds an array (the caller should then not choose Winograd).
     */
    public static float[] pack(WinogradTile tile, MemorySegment w, int m, int c) {
        int mp = paddedRows(m);
        long size = (long) tile.positions * mp * c;
        if (!fitsArray(tile, m, c)) {
            throw new IllegalArgumentException("Winograd weights of " + m + " x " + c + " filters exceed an array");
        }
        float[] u = new float[(int) size];
        double[] gg = new double[9];
        double[][] gm = tile == WinogradTile.F4X4 ? G4 : G2;
        int a = tile.in;
        double[] tmp = new double[3 * a];
        int plane = mp * c;
        int rows = WinogradProduct.ROWS;
        for (int oc = 0; oc < m; oc++) {
            for (int ic = 0; ic < c; ic++) {
                long base = ((long) oc * c + ic) * 9;
                for (int i = 0; i < 9; i++) {
                    gg[i] = w.getAtIndex(F, base + i);
                }
                // tmp = G g (a x 3)
                for (int r = 0; r < a; r++) {
                    for (int j = 0; j < 3; j++) {
                        tmp[r * 3 + j] = gm[r][0] * gg[j] + gm[r][1] * gg[3 + j] + gm[r][2] * gg[6 + j];
                    }
                }
                // U = tmp G^T (a x a)
                for (int r = 0; r < a; r++) {
                    for (int s = 0; s < a; s++) {
                        double v = tmp[r * 3] * gm[s][0] + tmp[r * 3 + 1] * gm[s][1] + tmp[r * 3 + 2] * gm[s][2];
                        u[(r * a + s) * plane + (oc / rows * c + ic) * rows + oc % rows] = (float) v;
                    }
                }
            }
        }
        return u;
    }
}
