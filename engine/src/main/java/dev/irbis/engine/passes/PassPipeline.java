package dev.irbis.engine.passes;

import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ops.OperatorRegistry;
import java.util.List;

/** Runs passes in order, then drops (and frees) whatever they left unused. */
public final class PassPipeline {
    private final List<Pass> passes;

    public PassPipeline(List<Pass> passes) {
        this.passes = List.copyOf(passes);
    }

    /** The passes every model gets: simplifications first, so later patterns see the plain graph. */
    public static PassPipeline standard() {
        return new PassPipeline(List.of(
                new IdentityRemoval(),
                new WeightStandardizationRecognition(),
                // Drops the statistics chains the recognition made dead, so folding never evaluates them.
                new DeadCodeElimination(),
                new ConstantFolding(),
                new BatchNormFolding(),
                new GroupNormRecognition(),
                new GroupNormActivationFusion(),
                new ConvFusion()));
    }

    /**
     * Applies every pass and then dead-code elimination. Initializers of {@code graph} that the result
     * no longer uses are closed: the caller hands the graph over.
     */
    public Graph apply(Graph graph, OperatorRegistry registry) {
        Graph g = graph;
        for (Pass p : passes) {
            g = p.apply(g, registry);
        }
        return new DeadCodeElimination().apply(g, registry);
    }
}
