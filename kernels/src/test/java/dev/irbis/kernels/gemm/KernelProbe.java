package dev.irbis.kernels.gemm;

import java.lang.foreign.MemorySegment;

public final class KernelProbe {
    public static void main(String[] args) {
        int kc = 256;
        float[] a = new float[6 * kc];
        float[] b = new float[kc * 16];
        for (int i = 0; i < a.length; i++) a[i] = 0.001f * (i % 7);
        for (int i = 0; i < b.length; i++) b[i] = 0.001f * (i % 5);
        float[] t = new float[96];
        MemorySegment c = MemorySegment.ofArray(new float[6 * 64]);
        for (int round = 0; round < 15; round++) {
            int reps = 200000;
            long t0 = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime();
            for (int i = 0; i < reps; i++) {
                MicroKernels.tile6x2(kc, a, 0, kc, b, 0, t); MicroKernels.merge(t, 16, c, 0, 64, 6, 16, 1f, 0f);
            }
            long dt = java.lang.management.ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime() - t0;
            System.out.printf("%.1f GFLOP/s%n", 2.0 * 6 * 16 * kc * reps / dt);
        }
    }
}
