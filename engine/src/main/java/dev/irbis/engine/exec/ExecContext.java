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

    public ExecContext(Gemm gemm, ThreadBudget parallel) {
        this.gemm = gemm;
        this.parallel = parallel;
    }

    /** A single-threaded context (constant folding, tests). */
    public ExecContext(Gemm gemm) {
        this(gemm, ThreadBudget.SINGLE);
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
        return Tensor.allocate(type, shape);
    }

    /** Scratch memory for one kernel call; the caller closes it. */
    public Tensor scratch(DataType type, long... shape) {
        return Tensor.allocate(type, shape);
    }
}
