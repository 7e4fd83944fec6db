package dev.irbis.engine.passes;

import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ops.OperatorRegistry;

/**
 * One graph rewrite that keeps every graph output the same (up to float rounding). A pass returns a
 * new graph; it never closes tensors itself ({@link DeadCodeElimination} frees what is no longer used).
 */
public interface Pass {
    Graph apply(Graph graph, OperatorRegistry registry);

    default String name() {
        return getClass().getSimpleName();
    }
}
