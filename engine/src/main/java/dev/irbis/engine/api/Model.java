package dev.irbis.engine.api;

import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.exec.GraphExecutor;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.engine.passes.PassPipeline;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.gemm.Gemm;
import dev.irbis.kernels.gemm.OpenBlasGemm;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loaded, optimised, immutable model. {@link #run} may be called from many threads at once.
 * {@link #close} releases the native and mapped memory behind the weights; nothing else does.
 */
public final class Model implements AutoCloseable {
    private final Graph original;
    private final Graph optimised;
    private final GraphExecutor executor;
    private final List<AutoCloseable> resources;
    private final Options options;
    private final AtomicBoolean closed = new AtomicBoolean();

    /** How a model is compiled and run. */
    public record Options(int threads, boolean optimise, Gemm gemm) {
        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
        }

        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), true, OpenBlasGemm.instance());
        }

        public Options withThreads(int t) {
            return new Options(t, optimise, gemm);
        }

        public Options withOptimise(boolean o) {
            return new Options(threads, o, gemm);
        }

        public Options withGemm(Gemm g) {
            return new Options(threads, optimise, g);
        }
    }

    /**
     * Compiles a graph. {@code resources} (mapped files, weight arenas) are closed with the model, as are
     * the tensors the passes create.
     */
    public Model(Graph graph, List<? extends AutoCloseable> resources, Options options) {
        this.original = graph;
        this.options = options;
        this.resources = new ArrayList<>(resources);
        try {
            this.optimised = options.optimise() ? PassPipeline.standard().apply(graph, OperatorRegistry.defaultRegistry()) : graph;
            this.executor = new GraphExecutor(optimised, OperatorRegistry.defaultRegistry());
        } catch (RuntimeException e) {
            closeResources();
            throw e;
        }
        if (options.gemm() instanceof OpenBlasGemm) {
            OpenBlasGemm.setThreads(options.threads());
        }
    }

    /** The graph as loaded, before optimisation. */
    public Graph graph() {
        return original;
    }

    /** The graph that actually runs. */
    public Graph optimisedGraph() {
        return optimised;
    }

    public List<ValueInfo> inputs() {
        return original.inputs();
    }

    public List<ValueInfo> outputs() {
        return original.outputs();
    }

    public Map<String, String> metadata() {
        return original.metadata();
    }

    /** Runs the model on named inputs; returns every graph output by name, owned by the caller. */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        if (closed.get()) {
            throw new IllegalStateException("the model is closed");
        }
        return executor.run(inputs, new ExecContext(options.gemm(), options.threads()));
    }

    /** As {@link #run(Map)}, reporting each node as it runs (FLOP counts, tracing). */
    public Map<String, Tensor> run(Map<String, Tensor> inputs, dev.irbis.engine.exec.NodeObserver observer) {
        if (closed.get()) {
            throw new IllegalStateException("the model is closed");
        }
        return executor.run(inputs, new ExecContext(options.gemm(), options.threads()), observer);
    }

    /** Runs a model with one input and returns its first output. */
    public Tensor run(Tensor input) {
        if (original.inputs().size() != 1) {
            throw new dev.irbis.engine.InvalidInputException("the model has " + original.inputs().size()
                    + " inputs; pass them by name: " + original.inputs());
        }
        return run(Map.of(original.inputs().get(0).name(), input)).values().iterator().next();
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            closeResources();
        }
    }

    private void closeResources() {
        if (optimised != null) {
            optimised.initializers().values().forEach(Tensor::close);
        }
        original.initializers().values().forEach(Tensor::close);
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // Closing is best effort: a failure to unmap must not hide the others.
            }
        }
    }
}
