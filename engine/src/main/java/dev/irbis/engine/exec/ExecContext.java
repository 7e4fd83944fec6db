package dev.irbis.engine.exec;

import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.gemm.Gemm;
import dev.irbis.kernels.parallel.ThreadBudget;

/**
 * What an operator may use while it runs: the GEMM implementation, the thread budget, and the
 * allocator for its outputs and scratch space. One context per run; not shared between threads.
 */
public final class ExecContext {
    private final Gemm gemm;
    private final ThreadBudget parallel;
    private final BufferPool pool;

    /** @param pool recycles intermediate buffers across runs; null to allocate fresh memory each time */
    public ExecContext(Gemm gemm, ThreadBudget parallel, BufferPool pool) {
        this.gemm = gemm;
        this.parallel = parallel;
        this.pool = pool;
    }

    /** A single-threaded context without pooling (constant folding, tests). */
    public ExecContext(Gemm gemm) {
        this(gemm, ThreadBudget.SINGLE, null);
    }

    public Gemm gemm() {
        return gemm;
    }

    public int threads() {
        return parallel.threads();
    }

    /** The run's threads for Java-parallel loops; never used while a GEMM call is in flight. */
    public ThreadBudget parallel() {
        return parallel;
    }

    /** Zero-filled tensor owned by the run; the executor frees it after its last use. */
    public Tensor allocate(DataType type, long... shape) {
        if (pool == null) {
            return Tensor.allocate(type, shape);
        }
        Tensor t = allocateUninitialized(type, shape);
        t.data().fill((byte) 0);
        return t;
    }

    /**
     * A tensor with arbitrary contents, for operators that write every element of their output
     * (skips the zero fill, which is a full pass over memory).
     */
    public Tensor allocateUninitialized(DataType type, long... shape) {
        if (pool == null) {
            return Tensor.allocate(type, shape);
        }
        long bytes = Tensor.byteSize(type, shape);
        return Tensor.lent(type, shape, pool.take(bytes), pool::giveBack);
    }

    /** Zero-filled scratch memory for one kernel call; the caller closes it. */
    public Tensor scratch(DataType type, long... shape) {
        return allocate(type, shape);
    }
}
