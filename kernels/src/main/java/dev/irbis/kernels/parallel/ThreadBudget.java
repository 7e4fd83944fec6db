package dev.irbis.kernels.parallel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of threads for data-parallel loops. The calling thread does one share of the work
 * itself, so a budget of T uses T - 1 pool threads. Loops split their range into at most T contiguous
 * chunks (static partitioning: kernels here have uniform work per index). A loop started from inside
 * another runs inline, so nesting never multiplies threads.
 * <p>Contract with GEMM: a phase of Java-parallel work and an OpenBLAS call never overlap within one
 * run, so Java threads and OpenBLAS threads together stay within the budget.
 */
public final class ThreadBudget implements AutoCloseable {
    /** A budget of one thread: everything runs on the caller. */
    public static final ThreadBudget SINGLE = new ThreadBudget(1);

    private final int threads;
    private final ForkJoinPool pool;

    public ThreadBudget(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.pool = threads == 1 ? null : new ForkJoinPool(threads - 1, p -> {
            ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
            t.setName("irbis-worker-" + t.getPoolIndex());
            t.setDaemon(true);
            return t;
        }, null, false);
    }

    public int threads() {
        return threads;
    }

    /** A body over a half-open range of indices. */
    @FunctionalInterface
    public interface RangeBody {
        void run(long start, long end);
    }

    /**
     * Runs {@code body} over [0, n) split into at most {@link #threads} chunks of at least
     * {@code minChunk} indices; returns when all are done. Exceptions from any chunk propagate.
     */
    public void parallelRange(long n, long minChunk, RangeBody body) {
        if (n <= 0) {
            return;
        }
        long chunks = Math.min(threads, Math.max(1, n / Math.max(1, minChunk)));
        if (chunks <= 1 || pool == null || Thread.currentThread() instanceof ForkJoinWorkerThread w && w.getPool() == pool) {
            body.run(0, n);
            return;
        }
        long per = (n + chunks - 1) / chunks;
        @SuppressWarnings("unchecked")
        ForkJoinTask<?>[] tasks = new ForkJoinTask<?>[(int) chunks - 1];
        for (int c = 1; c < chunks; c++) {
            long start = c * per;
            long end = Math.min(n, start + per);
            tasks[c - 1] = pool.submit(() -> {
                if (start < end) {
                    body.run(start, end);
                }
            });
        }
        RuntimeException failure = null;
        try {
            body.run(0, Math.min(n, per));
        } catch (RuntimeException e) {
            failure = e;
        }
        for (ForkJoinTask<?> t : tasks) {
            try {
                t.join();
            } catch (RuntimeException e) {
                if (failure == null) {
                    failure = e;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Runs {@code body} for each index in [0, n), indices spread over the threads in contiguous chunks. */
    public void parallelFor(int n, java.util.function.IntConsumer body) {
        parallelRange(n, 1, (s, e) -> {
            for (long i = s; i < e; i++) {
                body.accept((int) i);
            }
        });
    }

    @Override
    public void close() {
        if (pool != null) {
            pool.shutdown();
            try {
                pool.awaitTermination(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
