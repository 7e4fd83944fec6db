package dev.irbis.bench;

import dev.irbis.engine.api.Model;
import dev.irbis.kernels.gemm.Gemm;
import dev.irbis.kernels.gemm.OpenBlasGemm;
import dev.irbis.kernels.gemm.VectorGemm;
import dev.irbis.kernels.parallel.ThreadBudget;

/**
 * The GEMM implementations the kernel benchmarks compare, by JMH parameter value: {@code openblas}
 * (the baseline) and {@code java} (Irbis's Vector API GEMM).
 */
public enum KernelGemm {
    OPENBLAS("openblas"),
    JAVA("java");

    private final String id;

    KernelGemm(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    public static KernelGemm byId(String id) {
        for (KernelGemm g : values()) {
            if (g.id.equals(id)) {
                return g;
            }
        }
        throw new IllegalArgumentException("unknown kernel engine '" + id + "' (openblas or java)");
    }

    /**
     * The GEMM as a model with this engine runs it ({@link Model.Options#defaults()}, or with
     * {@link Model.Options#withPureJavaGemm()}): for OpenBLAS, single-threaded calls split over the budget by Irbis, so
     * no OpenBLAS thread spins beside the budget's while im2col or an epilogue runs. (With OpenBLAS's own threads
     * beside the budget, the 3x3 stride-2 layer took 5.3 ms on 2 threads against 2.1-2.3 ms on 1.)
     */
    public Gemm createAsInModel(ThreadBudget budget) {
        Model.Options options = this == OPENBLAS ? Model.Options.defaults() : Model.Options.defaults().withPureJavaGemm();
        return options.gemmFactory().apply(budget);
    }

    /**
     * The GEMM at {@code budget.threads()} threads as a kernel on its own: OpenBLAS with its own threading (its global
     * thread count is set here), the baseline of the GEMM rows.
     */
    public Gemm create(ThreadBudget budget) {
        return switch (this) {
            case OPENBLAS -> {
                OpenBlasGemm.setThreads(budget.threads());
                yield OpenBlasGemm.instance();
            }
            case JAVA -> new VectorGemm(budget);
        };
    }

}
