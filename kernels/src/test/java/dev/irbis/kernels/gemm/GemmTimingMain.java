package dev.irbis.kernels.gemm;

import dev.irbis.kernels.parallel.ThreadBudget;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.management.ManagementFactory;
import java.util.Arrays;
import java.util.Random;

/**
 * Compares VectorGemm with OpenBLAS sgemm on the GEMM shapes of ResNet-50 (a manual tool, not a test):
 * median GFLOP/s of interleaved timed batches, from CPU time. Arguments: thread counts (default 1 2), an
 * optional {@code shape=MxKxN} filter, and {@code wall} to time by the wall clock.
 */
public final class GemmTimingMain {
    private static final int[][] SHAPES = {
        {64, 64, 3136}, {256, 64, 3136}, {64, 256, 3136}, {128, 256, 784}, {512, 128, 784}, {128, 512, 784},
        {256, 512, 196}, {1024, 256, 196}, {256, 1024, 196}, {512, 1024, 49}, {2048, 512, 49}, {512, 2048, 49},
        {64, 576, 3136}, {128, 1152, 784}, {256, 2304, 196}, {512, 4608, 49}, {64, 147, 12544}, {1, 2048, 1000},
    };

    /** Time by the wall clock instead (meaningful only on an otherwise idle machine). */
    private static boolean wallClock;

    private GemmTimingMain() {
    }

    public static void main(String[] args) {
        int[] threadCounts = Arrays.stream(args).filter(s -> s.matches("\\d+")).mapToInt(Integer::parseInt).toArray();
        if (threadCounts.length == 0) {
            threadCounts = new int[] {1, 2};
        }
        wallClock = Arrays.asList(args).contains("wall");
        String filter = Arrays.stream(args).filter(s -> s.startsWith("shape=")).map(s -> s.substring(6))
                .findFirst().orElse(null);
        System.out.printf("%-16s %3s %10s %10s %7s%n", "MxKxN", "thr", "openblas", "vector", "ratio");
        for (int t : threadCounts) {
            OpenBlasGemm.setThreads(t);
            try (ThreadBudget budget = new ThreadBudget(t); Arena arena = Arena.ofShared()) {
                VectorGemm vector = new VectorGemm(budget);
                // Gets the kernels through C2 before anything is timed.
                for (int[] s : SHAPES) {
                    time(arena, vector, vector, Math.min(s[0], 256), Math.min(s[1], 256), Math.min(s[2], 256), 1, t);
                }
                for (int[] s : SHAPES) {
                    String name = s[0] + "x" + s[1] + "x" + s[2];
                    if (filter != null && !filter.equals(name)) {
                        continue;
                    }
                    double[] r = time(arena, OpenBlasGemm.instance(), vector, s[0], s[1], s[2], t == 1 ? 7 : 5, t);
                    System.out.printf("%-16s %3d %10.1f %10.1f %6.0f%%%n", name, t, r[0], r[1], 100 * r[1] / r[0]);
                }
            }
        }
    }

    /**
     * CPU time of the process (all threads), not wall time: the machine this runs on is shared, and CPU
     * time divided by the thread count estimates the wall time on an idle machine when all threads are busy.
     */
    private static long cpuNanos(int threads) {
        if (wallClock) {
            return System.nanoTime() * threads;
        }
        if (threads == 1) {
            return ManagementFactory.getThreadMXBean().getCurrentThreadCpuTime(); // precise, unlike the process total
        }
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean())
                .getProcessCpuTime();
    }

    private static double[] time(Arena arena, Gemm blas, Gemm vector, int m, int k, int n, int rounds, int threads) {
        boolean transB = m == 1; // the fully connected layer: weights [N x K]
        MemorySegment a = random(arena, (long) m * k);
        MemorySegment b = random(arena, (long) k * n);
        MemorySegment c = arena.allocate((long) m * n * 4, 64);
        double flops = 2.0 * m * n * k;
        int reps = (int) Math.max(1, Math.min(2000, (threads == 1 ? 1e9 : 6e9) / flops));
        Gemm[] gemms = {blas, vector};
        double[][] gflops = new double[2][rounds];
        for (int round = -3; round < rounds; round++) {
            for (int g = 0; g < 2; g++) {
                long t0 = cpuNanos(threads);
                for (int i = 0; i < reps; i++) {
                    gemms[g].sgemm(false, transB, m, n, k, 1f, a, 0, k, b, 0, transB ? k : n, 0f, c, 0, n);
                }
                long dt = (cpuNanos(threads) - t0) / threads;
                if (round >= 0) {
                    gflops[g][round] = flops * reps / dt;
                }
            }
        }
        Arrays.sort(gflops[0]);
        Arrays.sort(gflops[1]);
        return new double[] {gflops[0][rounds / 2], gflops[1][rounds / 2]};
    }

    private static MemorySegment random(Arena arena, long n) {
        Random rnd = new Random(n);
        MemorySegment s = arena.allocate(n * 4, 64);
        for (long i = 0; i < n; i++) {
            s.setAtIndex(ValueLayout.JAVA_FLOAT, i, (float) rnd.nextGaussian());
        }
        return s;
    }
}
