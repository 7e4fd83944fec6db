package dev.irbis.engine.api;

import dev.irbis.engine.InvalidInputException;
import dev.irbis.engine.exec.BufferPool;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.exec.GraphExecutor;
import dev.irbis.engine.exec.NodeObserver;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.engine.passes.PassPipeline;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.gemm.BlockFinishingGemm;
import dev.irbis.kernels.gemm.Gemm;
import dev.irbis.kernels.gemm.MatrixVectorRouting;
import dev.irbis.kernels.gemm.OpenBlasGemm;
import dev.irbis.kernels.gemm.ParallelGemm;
import dev.irbis.kernels.gemm.VectorGemm;
import dev.irbis.kernels.parallel.ThreadBudget;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * A loaded, optimised, immutable model. {@link #run} may be called from many threads at once.
 * {@link #close} releases the native and mapped memory behind the weights (waiting for runs in
 * progress to finish); nothing else does.
 */
public final class Model implements AutoCloseable {
    /** Activation buffers kept between runs; enough for the widest models at batch 8. */
    private static final long MAX_IDLE_BUFFER_BYTES = 4L << 30;

    private final Graph graph;
    private final GraphExecutor executor;
    private final List<AutoCloseable> resources;
    private final Options options;
    private final ThreadBudget parallel;
    private final BufferPool buffers = new BufferPool(MAX_IDLE_BUFFER_BYTES);
    private final Gemm gemm;
    private final ReadWriteLock lifecycle = new ReentrantReadWriteLock();
    private boolean closed;

    /**
     * How a model is compiled and run. The GEMM is made from the model's {@link ThreadBudget} when the
     * model is built, so a Java GEMM can run on the same threads as the other kernels (the budget is
     * created by the model and unknown before it).
     */
    public record Options(int threads, boolean optimise, Function<ThreadBudget, ? extends Gemm> gemmFactory) {
        public Options {
            if (threads < 1) {
                throw new IllegalArgumentException("threads must be at least 1, got " + threads);
            }
            if (gemmFactory == null) {
                throw new IllegalArgumentException("gemmFactory must not be null");
            }
        }

        /**
         * All cores, optimisation on, OpenBLAS: each GEMM split over the model's threads with OpenBLAS
         * itself single-threaded per call, so OpenBLAS never spins threads beside Irbis's own. On more than one
         * thread, products with an epilogue are computed and finished in blocks of C ({@link BlockFinishingGemm}).
         * Matrix-vector products (a classifier head at batch 1) run on the Vector API instead
         * ({@link MatrixVectorRouting}).
         */
        public static Options defaults() {
            return new Options(Runtime.getRuntime().availableProcessors(), true, Options::openBlas);
        }

        private static Gemm openBlas(ThreadBudget budget) {
            Gemm serial = OpenBlasGemm.singleThreaded();
            return new MatrixVectorRouting(
                    new ParallelGemm(budget.threads() > 1 ? new BlockFinishingGemm(serial) : serial, budget),
                    new VectorGemm(budget));
        }

        public Options withThreads(int t) {
            return new Options(t, optimise, gemmFactory);
        }

        public Options withOptimise(boolean o) {
            return new Options(threads, o, gemmFactory);
        }

        /** One GEMM for every model built with these options (it must be thread-safe). */
        public Options withGemm(Gemm g) {
            return new Options(threads, optimise, budget -> g);
        }

        /** Pure-Java mode: the Vector API GEMM on the model's threads instead of OpenBLAS. */
        public Options withPureJavaGemm() {
            return withGemmFactory(VectorGemm::new);
        }

        /** A GEMM made per model from the model's thread budget (e.g. a pure-Java GEMM on the model's threads). */
        public Options withGemmFactory(Function<ThreadBudget, ? extends Gemm> f) {
            return new Options(threads, optimise, f);
        }
    }

    /**
     * Compiles a graph, taking it over: its initializers, and {@code resources} (mapped files), are
     * closed with the model, and weights the optimisation passes make unnecessary are freed at once.
     */
    public Model(Graph graph, List<? extends AutoCloseable> resources, Options options) {
        this.options = options;
        this.resources = new ArrayList<>(resources);
        Graph compiled = graph;
        try {
            if (options.optimise()) {
                compiled = PassPipeline.standard().apply(graph, OperatorRegistry.defaultRegistry());
            }
            this.executor = new GraphExecutor(compiled, OperatorRegistry.defaultRegistry());
        } catch (RuntimeException e) {
            compiled.initializers().values().forEach(Tensor::close);
            graph.initializers().values().forEach(Tensor::close);
            closeResources();
            throw e;
        }
        this.graph = compiled;
        this.parallel = new ThreadBudget(options.threads());
        try {
            this.gemm = options.gemmFactory().apply(parallel);
        } catch (RuntimeException e) {
            parallel.close();
            compiled.initializers().values().forEach(Tensor::close);
            closeResources();
            throw e;
        }
    }

    /** The graph that runs (after optimisation). */
    public Graph optimisedGraph() {
        return graph;
    }

    public List<ValueInfo> inputs() {
        return graph.inputs();
    }

    public List<ValueInfo> outputs() {
        return graph.outputs();
    }

    public Map<String, String> metadata() {
        return graph.metadata();
    }

    public Options options() {
        return options;
    }

    /** The GEMM this model's operators use (for logs and benchmark tables). */
    public Gemm gemm() {
        return gemm;
    }

    /** Runs the model on named inputs; returns every graph output by name, owned by the caller. */
    public Map<String, Tensor> run(Map<String, Tensor> inputs) {
        return run(inputs, NodeObserver.NONE);
    }

    /** As {@link #run(Map)}, reporting each node as it runs (FLOP counts, tracing). */
    public Map<String, Tensor> run(Map<String, Tensor> inputs, NodeObserver observer) {
        lifecycle.readLock().lock();
        try {
            if (closed) {
                throw new IllegalStateException("the model is closed");
            }
            return executor.run(inputs, new ExecContext(gemm, parallel, buffers), observer);
        } finally {
            lifecycle.readLock().unlock();
        }
    }

    /** Runs a model with one input and returns its first output. */
    public Tensor run(Tensor input) {
        if (graph.inputs().size() != 1) {
            throw new InvalidInputException("the model has " + graph.inputs().size() + " inputs; pass them by name: " + graph.inputs());
        }
        return run(Map.of(graph.inputs().get(0).name(), input)).values().iterator().next();
    }

    @Override
    public void close() {
        lifecycle.writeLock().lock();
        try {
            if (closed) {
                return;
            }
            closed = true;
            graph.initializers().values().forEach(Tensor::close);
            closeResources();
            parallel.close();
            buffers.close();
        } finally {
            lifecycle.writeLock().unlock();
        }
    }

    private void closeResources() {
        for (AutoCloseable r : resources) {
            try {
                r.close();
            } catch (Exception ignored) {
                // Closing is best effort: a failure to unmap must not hide the others.
            }
        }
    }
}
