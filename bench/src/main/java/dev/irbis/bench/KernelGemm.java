package dev.irbis.bench;

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

    /** The GEMM at {@code budget.threads()} threads; OpenBLAS's global thread count is set here. */
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
