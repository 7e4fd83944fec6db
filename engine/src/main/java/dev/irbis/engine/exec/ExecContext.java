package dev.irbis.engine.exec;

import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.gemm.Gemm;

/**
 * What an operator may use while it runs: the GEMM implementation, the thread budget, and the
 * allocator for its outputs and scratch space. One context per run; not shared between threads.
 */
public final class ExecContext {
    private final Gemm gemm;
    private final int threads;

    public ExecContext(Gemm gemm, int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads must be at least 1, got " + threads);
        }
        this.gemm = gemm;
        this.threads = threads;
    }

    public Gemm gemm() {
        return gemm;
    }

    public int threads() {
        return threads;
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
