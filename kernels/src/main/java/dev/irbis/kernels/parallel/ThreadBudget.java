package dev.irbis.kernels.parallel;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A fixed number of threads for data-parallel loops. The calling thread does one share of the work
 * itself, so a budget of T uses T - 1 worker threads of its own. Loops split their range into at most
 * T contiguous chunks (static partitioning: kernels here have uniform work per index).
 * <p>Why not a ForkJoinPool: a network runs a few hundred short parallel loops per inference, and waking
 * a parked pool thread costs about 100 us on a virtual machine, as much as many of the loops themselves.
 * Workers here spin for {@value #DEFAULT_SPIN_MICROS} us (system property {@code irbis.threads.spinMicros})
 * after each loop before they park, so the loops of one run find them awake; the caller spins likewise
 * while it waits for their shares.
 * <p>A loop started from a worker, from inside another loop on the calling thread, or from a second
 * thread while the workers are busy with another caller's loop runs its chunks one after another on its
 * own thread: nesting never multiplies threads, concurrent callers never wait for each other, and the
 * chunks, hence the results, are the same either way.
 * <p>Contract with GEMM: a phase of Java-parallel work and an OpenBLAS call never overlap within one
 * run, so Java threads and OpenBLAS threads together stay within the budget.
 */
public final class ThreadBudget implements AutoCloseable {
    static final long DEFAULT_SPIN_MICROS = 2000;
    private static final long SPIN_NANOS = TimeUnit.MICROSECONDS.toNanos(
            Math.max(0, Long.getLong("irbis.threads.spinMicros", DEFAULT_SPIN_MICROS)));

    /** A budget of one thread: everything runs on the caller. */
    public static final ThreadBudget SINGLE = new ThreadBudget(1);

    private final int threads;
    private final Worker[] workers;
    /** Held by the caller whose loop the workers are running. */
    private final AtomicBoolean busy = new AtomicBoolean();
    private volatile boolean closed;

    public ThreadBudget(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.threads = threads;
        this.workers = new Worker[threads - 1];
        for (int i = 0; i < workers.length; i++) {
            workers[i] = new Worker(this, i);
            workers[i].start();
        }
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
     * {@code minChunk} indices; returns when all are done. The first exception or error from any chunk
     * propagates (the other chunks still finish first).
     */
    public void parallelRange(long n, long minChunk, RangeBody body) {
        if (n <= 0) {
            return;
        }
        long chunks = Math.min(threads, Math.max(1, n / Math.max(1, minChunk)));
        long per = (n + chunks - 1) / chunks;
        if (chunks <= 1 || closed || Thread.currentThread() instanceof Worker || !busy.compareAndSet(false, true)) {
            // The same chunks, one after another: results never depend on whether the workers were free
            // (a GEMM split differently may round differently).
            for (long start = 0; start < n; start += per) {
                body.run(start, Math.min(n, start + per));
            }
            return;
        }
        try {
            Job job = new Job(body, n, per, Thread.currentThread(), (int) chunks - 1);
            for (int c = 1; c < chunks; c++) {
                workers[c - 1].offer(job, c);
            }
            try {
                body.run(0, Math.min(n, per));
            } catch (RuntimeException | Error e) {
                job.fail(e);
            }
            job.awaitWorkers();
            job.rethrow();
        } finally {
            busy.set(false);
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

    /** Stops the workers; later loops run on the caller. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (Worker w : workers) {
            LockSupport.unpark(w);
        }
        for (Worker w : workers) {
            try {
                w.join(TimeUnit.SECONDS.toMillis(1));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    /** One parallel loop: the chunks handed to workers, and what the caller waits on. */
    private static final class Job {
        final RangeBody body;
        final long n;
        final long per;
        final Thread caller;
        final AtomicInteger pending;
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        volatile boolean callerParked;

        Job(RangeBody body, long n, long per, Thread caller, int workerChunks) {
            this.body = body;
            this.n = n;
            this.per = per;
            this.caller = caller;
            this.pending = new AtomicInteger(workerChunks);
        }

        void runChunk(int c) {
            long start = c * per;
            long end = Math.min(n, start + per);
            try {
                if (start < end) {
                    body.run(start, end);
                }
            } catch (RuntimeException | Error e) {
                fail(e);
            } finally {
                if (pending.decrementAndGet() == 0 && callerParked) {
                    LockSupport.unpark(caller);
                }
            }
        }

        void fail(Throwable t) {
            failure.compareAndSet(null, t);
        }

        void awaitWorkers() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            while (pending.get() != 0) {
                if (System.nanoTime() < spinUntil) {
                    Thread.onSpinWait();
                } else {
                    callerParked = true;
                    if (pending.get() != 0) {
                        LockSupport.parkNanos(this, 100_000);
                    }
                }
            }
        }

        void rethrow() {
            Throwable t = failure.get();
            if (t instanceof RuntimeException r) {
                throw r;
            }
            if (t instanceof Error e) {
                throw e;
            }
        }
    }

    /** A thread that runs one chunk at a time, spinning briefly between chunks before it parks. */
    private static final class Worker extends Thread {
        private final ThreadBudget owner;
        private volatile Job job;
        private volatile int chunk;
        private volatile boolean parked;

        Worker(ThreadBudget owner, int index) {
            super("irbis-worker-" + index);
            this.owner = owner;
            setDaemon(true);
        }

        void offer(Job j, int c) {
            chunk = c;
            job = j;
            if (parked) {
                LockSupport.unpark(this);
            }
        }

        @Override
        public void run() {
            while (!owner.closed) {
                Job j = awaitJob();
                if (j == null) {
                    continue;
                }
                int c = chunk;
                job = null;
                j.runChunk(c);
            }
        }

        private Job awaitJob() {
            long spinUntil = System.nanoTime() + SPIN_NANOS;
            Job j;
            while ((j = job) == null && System.nanoTime() < spinUntil) {
                Thread.onSpinWait();
            }
            if (j != null) {
                return j;
            }
            parked = true;
            try {
                while ((j = job) == null && !owner.closed) {
                    LockSupport.park(this);
                }
            } finally {
                parked = false;
            }
            return j;
        }
    }
}
