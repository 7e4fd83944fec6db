package dev.irbis.kernels.gemm;

import java.lang.management.ManagementFactory;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

public final class KernelProbe {
    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    static void interleaved(int kc, float[] a, int a0, float[] b, int b0, float[] t) {
        FloatVector c00 = FloatVector.zero(S), c01 = FloatVector.zero(S);
        FloatVector c10 = FloatVector.zero(S), c11 = FloatVector.zero(S);
        FloatVector c20 = FloatVector.zero(S), c21 = FloatVector.zero(S);
        FloatVector c30 = FloatVector.zero(S), c31 = FloatVector.zero(S);
        FloatVector c40 = FloatVector.zero(S), c41 = FloatVector.zero(S);
        FloatVector c50 = FloatVector.zero(S), c51 = FloatVector.zero(S);
        int bi = b0, ai = a0;
        for (int p = 0; p < kc; p++, bi += 2 * L, ai += 6) {
            FloatVector b0v = FloatVector.fromArray(S, b, bi);
            FloatVector b1v = FloatVector.fromArray(S, b, bi + L);
            FloatVector x = FloatVector.broadcast(S, a[ai]);
            c00 = x.fma(b0v, c00); c01 = x.fma(b1v, c01);
            x = FloatVector.broadcast(S, a[ai + 1]);
            c10 = x.fma(b0v, c10); c11 = x.fma(b1v, c11);
            x = FloatVector.broadcast(S, a[ai + 2]);
            c20 = x.fma(b0v, c20); c21 = x.fma(b1v, c21);
            x = FloatVector.broadcast(S, a[ai + 3]);
            c30 = x.fma(b0v, c30); c31 = x.fma(b1v, c31);
            x = FloatVector.broadcast(S, a[ai + 4]);
            c40 = x.fma(b0v, c40); c41 = x.fma(b1v, c41);
            x = FloatVector.broadcast(S, a[ai + 5]);
            c50 = x.fma(b0v, c50); c51 = x.fma(b1v, c51);
        }
        int w = 2 * L;
        c00.intoArray(t, 0); c01.intoArray(t, L);
        c10.intoArray(t, w); c11.intoArray(t, w + L);
        c20.intoArray(t, 2 * w); c21.intoArray(t, 2 * w + L);
        c30.intoArray(t, 3 * w); c31.intoArray(t, 3 * w + L);
        c40.intoArray(t, 4 * w); c41.intoArray(t, 4 * w + L);
        c50.intoArray(t, 5 * w); c51.intoArray(t, 5 * w + L);
    }

    public static void main(String[] args) {
        float[] t = new float[96];
        for (int kc : new int[] {64, 256}) {
            float[] a = new float[6 * kc];
            float[] b = new float[kc * 16];
            for (int i = 0; i < a.length; i++) a[i] = 0.001f * (i % 7);
            for (int i = 0; i < b.length; i++) b[i] = 0.001f * (i % 5);
            double[][] best = new double[2][2];
            for (int round = 0; round < 12; round++) {
                for (int v = 0; v < 2; v++) {
                    int reps = 50_000_000 / kc;
                    long t0 = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
                    for (int i = 0; i < reps; i++) {
                        if (v == 0) MicroKernels.tile6x2(kc, a, 0, kc, b, 0, t);
                        else interleaved(kc, a, 0, b, 0, t);
                    }
                    long dt = ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0;
                    double g = 2.0 * 6 * 16 * kc * reps / dt;
                    best[v][0] = Math.max(best[v][0], g);
                    if (round >= 4) best[v][1] += g / 8;
                }
            }
            System.out.printf("kc=%d rows: max %.1f mean %.1f | interleaved: max %.1f mean %.1f%n", kc,
                    best[0][0], best[0][1], best[1][0], best[1][1]);
        }
    }
}
