package dev.irbis.engine.passes;

import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.OperatorRegistry;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes Identity nodes and inference-mode Dropout (whose mask output nobody reads) by renaming
 * their readers' inputs. A node whose output is a graph output is kept, since the output name must
 * stay.
 */
public final class IdentityRemoval implements Pass {
    @Override
    public Graph apply(Graph graph, OperatorRegistry registry) {
        Set<String> graphOutputs = graph.outputNames();
        Map<String, List<Node>> consumers = graph.consumers();
        Map<String, String> rename = new HashMap<>();
        List<Node> kept = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (isPassThrough(n, consumers, graphOutputs)) {
                String src = n.inputs().get(0);
                rename.put(n.outputs().get(0), rename.getOrDefault(src, src));
                continue;
            }
            kept.add(n);
        }
        if (rename.isEmpty()) {
            return graph;
        }
        List<Node> rewritten = new ArrayList<>(kept.size());
        for (Node n : kept) {
            rewritten.add(n.withInputs(n.inputs().stream().map(s -> rename.getOrDefault(s, s)).toList()));
        }
        return graph.withNodes(rewritten, graph.initializers());
    }

    private static boolean isPassThrough(Node n, Map<String, List<Node>> consumers, Set<String> graphOutputs) {
        if (n.outputs().isEmpty() || n.outputs().stream().anyMatch(graphOutputs::contains)) {
            return false;
        }
        if (!n.domain().isEmpty() || n.inputs().isEmpty() || n.input(0) == null) {
            return false;
        }
        if (n.opType().equals("Identity")) {
            return true;
        }
        if (!n.opType().equals("Dropout")) {
            return false;
        }
        // Training mode (opset 12+: a third input) makes Dropout random; only plain inference passes through.
        boolean training = n.input(2) != null;
        boolean maskUsed = n.outputs().size() > 1 && consumers.containsKey(n.outputs().get(1));
        boolean oldTraining = n.opset() < 7 && n.attributes().getLong("is_test", 0) == 0;
        return !training && !maskUsed && !oldTraining;
    }
}
