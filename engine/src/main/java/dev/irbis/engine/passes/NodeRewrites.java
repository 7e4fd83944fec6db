package dev.irbis.engine.passes;

import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The edits a pattern-matching pass collects: nodes replaced by others, nodes absorbed into a
 * replacement. {@link #applyTo} builds the rewritten graph once, at the end of the pass.
 */
final class NodeRewrites {
    private final Map<Node, Node> replacements = new HashMap<>();
    private final Set<Node> removed = new HashSet<>();

    void replace(Node old, Node replacement) {
        replacements.put(old, replacement);
    }

    void remove(Node n) {
        removed.add(n);
    }

    /** True when the node is already removed or replaced (so another match must not claim it). */
    boolean touches(Node n) {
        return removed.contains(n) || replacements.containsKey(n);
    }

    boolean isEmpty() {
        return replacements.isEmpty() && removed.isEmpty();
    }

    /** The graph with the edits applied and {@code constants} as its initializers; itself when nothing changed. */
    Graph applyTo(Graph graph, Map<String, Tensor> constants) {
        if (isEmpty()) {
            return graph;
        }
        List<Node> nodes = new ArrayList<>(graph.nodes().size());
        for (Node n : graph.nodes()) {
            if (!removed.contains(n)) {
                nodes.add(replacements.getOrDefault(n, n));
            }
        }
        return graph.withNodes(nodes, constants);
    }
}
