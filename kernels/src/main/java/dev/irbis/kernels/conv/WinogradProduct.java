package dev.irbis.kernels.conv;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The multiply stage of {@link WinogradConv}: for one tile position xi, {@code P (Mp x Tp) = U (Mp x C) * V (C x Tp)}
 * one column panel at a time, in 6-row register tiles, with both operands already in the order the tiles read them.
 * <ul>
 * <li>U: heap, [Mp / ROWS][C][ROWS] from {@code uOff} (slivers of {@link #ROWS} rows, each sliver column-major);
 *     Mp a multiple of ROWS (padding rows zero).</li>
 * <li>V: [panel][C][width] from {@code vOff}: panels of {@link #NR} tiles, the last {@link #L} wide when Tp is an
 *     odd number of vectors; Tp a multiple of L.</li>
 * <li>P: row-major [Mp][Tp] from {@code pOff}; every element of the panel's columns is written.</li>
 * </ul>
 * K (= C) is not blocked: a panel of V is at most C x 2L floats (64 KiB at C = 512), which stays in L2 while the
 * rows of U stream past it. Single-threaded; callers split panels over threads.
 */
final class WinogradProduct {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();
    static final int NR = 2 * L;
    static final int ROWS = 6;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;

    private WinogradProduct() {
    }

    /** Column panels of Tp tiles. */
    static int panels(int tp) {
        return (tp + NR - 1) / NR;
    }

    /** Offset (floats, within one xi's V) of the panel that holds tile {@code t}. */
    static long panelStart(int t, int c) {
        return (long) (t / NR) * NR * c;
    }

    /** Width of the panel that holds tile {@code t}: NR, or L for a last half panel. */
    static int panelWidth(int t, int tp) {
        return Math.min(NR, tp - t / NR * NR);
    }

    /** Per-thread copy of the current V panel: C2 compiles the tile loops tighter over a heap array. */
    private static final ThreadLocal<float[][]> PANEL = ThreadLocal.withInitial(() -> new float[1][0]);

    static void panel(float[] u, long uOff, int mp, int c, MemorySegment v, long vOff, int tp, int q,
                      MemorySegment p, long pOff) {
        int j0 = q * NR;
        int width = panelWidth(j0, tp);
        float[][] holder = PANEL.get();
        if (holder[0].length < c * NR) {
            holder[0] = new float[c * NR];
        }
        float[] b = holder[0];
        MemorySegment.copy(v, ValueLayout.JAVA_FLOAT_UNALIGNED, (vOff + panelStart(j0, c)) * 4, b, 0, c * width);
        for (int ir = 0; ir < mp; ) {
            int a = Math.toIntExact(uOff + (long) ir * c);
            long out = (pOff + (long) ir * tp + j0) * 4;
            if (width == NR) {
                tile6x2(c, u, a, b, p, out, tp * 4L);
                ir += ROWS;
            } else if (ir + 2 * ROWS <= mp) {
                tile12x1(c, u, a, b, p, out, tp * 4L);
                ir += 2 * ROWS;
            } else {
                tile6x1(c, u, a, b, p, out, tp * 4L);
                ir += ROWS;
            }
        }
    }

    /** The sliver of U at a0 (six rows) times a 2L-wide panel [C][2L]; rows of P {@code rowBytes} apart. */
    private static void tile6x2(int c, float[] u, int a0, float[] v, MemorySegment p, long out, long rowBytes) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        for (int k = 0, bi = 0, ai = a0; k < c; k++, bi += NR, ai += ROWS) {
            FloatVector b0 = FloatVector.fromArray(S, v, bi);
            FloatVector b1 = FloatVector.fromArray(S, v, bi + L);
            FloatVector x = FloatVector.broadcast(S, u[ai]);
            c00 = x.fma(b0, c00);
            c01 = x.fma(b1, c01);
            x = FloatVector.broadcast(S, u[ai + 1]);
            c10 = x.fma(b0, c10);
            c11 = x.fma(b1, c11);
            x = FloatVector.broadcast(S, u[ai + 2]);
            c20 = x.fma(b0, c20);
            c21 = x.fma(b1, c21);
            x = FloatVector.broadcast(S, u[ai + 3]);
            c30 = x.fma(b0, c30);
            c31 = x.fma(b1, c31);
            x = FloatVector.broadcast(S, u[ai + 4]);
            c40 = x.fma(b0, c40);
            c41 = x.fma(b1, c41);
            x = FloatVector.broadcast(S, u[ai + 5]);
            c50 = x.fma(b0, c50);
            c51 = x.fma(b1, c51);
        }
        long h = L * 4L;
        c00.intoMemorySegment(p, out, LE);
        c01.intoMemorySegment(p, out + h, LE);
        c10.intoMemorySegment(p, out + rowBytes, LE);
        c11.intoMemorySegment(p, out + rowBytes + h, LE);
        c20.intoMemorySegment(p, out + 2 * rowBytes, LE);
        c21.intoMemorySegment(p, out + 2 * rowBytes + h, LE);
        c30.intoMemorySegment(p, out + 3 * rowBytes, LE);
        c31.intoMemorySegment(p, out + 3 * rowBytes + h, LE);
        c40.intoMemorySegment(p, out + 4 * rowBytes, LE);
        c41.intoMemorySegment(p, out + 4 * rowBytes + h, LE);
        c50.intoMemorySegment(p, out + 5 * rowBytes, LE);
        c51.intoMemorySegment(p, out + 5 * rowBytes + h, LE);
    }

    /**
     * Two slivers of U (twelve rows) times an L-wide panel: with one vector of tiles, each U element feeds a single
     * multiply-add, so the product waits on U arriving from memory; twelve rows in flight keep more of it coming.
     */
    private static void tile12x1(int c, float[] u, int a0, float[] v, MemorySegment p, long out, long rowBytes) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S), c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S), c4 = FloatVector.zero(S), c5 = FloatVector.zero(S);
        FloatVector c6 = FloatVector.zero(S), c7 = FloatVector.zero(S), c8 = FloatVector.zero(S);
        FloatVector c9 = FloatVector.zero(S), c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        for (int k = 0, bi = 0, ai = a0, aj = a0 + ROWS * c; k < c; k++, bi += L, ai += ROWS, aj += ROWS) {
            FloatVector bv = FloatVector.fromArray(S, v, bi);
            c0 = FloatVector.broadcast(S, u[ai]).fma(bv, c0);
            c1 = FloatVector.broadcast(S, u[ai + 1]).fma(bv, c1);
            c2 = FloatVector.broadcast(S, u[ai + 2]).fma(bv, c2);
            c3 = FloatVector.broadcast(S, u[ai + 3]).fma(bv, c3);
            c4 = FloatVector.broadcast(S, u[ai + 4]).fma(bv, c4);
            c5 = FloatVector.broadcast(S, u[ai + 5]).fma(bv, c5);
            c6 = FloatVector.broadcast(S, u[aj]).fma(bv, c6);
            c7 = FloatVector.broadcast(S, u[aj + 1]).fma(bv, c7);
            c8 = FloatVector.broadcast(S, u[aj + 2]).fma(bv, c8);
            c9 = FloatVector.broadcast(S, u[aj + 3]).fma(bv, c9);
            c10 = FloatVector.broadcast(S, u[aj + 4]).fma(bv, c10);
            c11 = FloatVector.broadcast(S, u[aj + 5]).fma(bv, c11);
        }
        c0.intoMemorySegment(p, out, LE);
        c1.intoMemorySegment(p, out + rowBytes, LE);
        c2.intoMemorySegment(p, out + 2 * rowBytes, LE);
        c3.intoMemorySegment(p, out + 3 * rowBytes, LE);
        c4.intoMemorySegment(p, out + 4 * rowBytes, LE);
        c5.intoMemorySegment(p, out + 5 * rowBytes, LE);
        c6.intoMemorySegment(p, out + 6 * rowBytes, LE);
        c7.intoMemorySegment(p, out + 7 * rowBytes, LE);
        c8.intoMemorySegment(p, out + 8 * rowBytes, LE);
        c9.intoMemorySegment(p, out + 9 * rowBytes, LE);
        c10.intoMemorySegment(p, out + 10 * rowBytes, LE);
        c11.intoMemorySegment(p, out + 11 * rowBytes, LE);
    }

    /** As {@link #tile6x2} for an L-wide panel. */
    private static void tile6x1(int c, float[] u, int a0, float[] v, MemorySegment p, long out, long rowBytes) {
        FloatVector c0 = FloatVector.zero(S), c1 = FloatVector.zero(S), c2 = FloatVector.zero(S);
        FloatVector c3 = FloatVector.zero(S), c4 = FloatVector.zero(S), c5 = FloatVector.zero(S);
        for (int k = 0, bi = 0, ai = a0; k < c; k++, bi += L, ai += ROWS) {
            FloatVector bv = FloatVector.fromArray(S, v, bi);
            c0 = FloatVector.broadcast(S, u[ai]).fma(bv, c0);
            c1 = FloatVector.broadcast(S, u[ai + 1]).fma(bv, c1);
            c2 = FloatVector.broadcast(S, u[ai + 2]).fma(bv, c2);
            c3 = FloatVector.broadcast(S, u[ai + 3]).fma(bv, c3);
            c4 = FloatVector.broadcast(S, u[ai + 4]).fma(bv, c4);
            c5 = FloatVector.broadcast(S, u[ai + 5]).fma(bv, c5);
        }
        c0.intoMemorySegment(p, out, LE);
        c1.intoMemorySegment(p, out + rowBytes, LE);
        c2.intoMemorySegment(p, out + 2 * rowBytes, LE);
        c3.intoMemorySegment(p, out + 3 * rowBytes, LE);
        c4.intoMemorySegment(p, out + 4 * rowBytes, LE);
        c5.intoMemorySegment(p, out + 5 * rowBytes, LE);
    }
}
