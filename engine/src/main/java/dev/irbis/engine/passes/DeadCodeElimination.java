package dev.irbis.engine.passes;

import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Removes nodes none of whose outputs reach a graph output, and initializers nothing reads; frees
 * the memory of removed initializers (ONNX operators have no side effects, so this is safe).
 */
public final class DeadCodeElimination implements Pass {
    @Override
    public Graph apply(Graph graph, OperatorRegistry registry) {
        Set<String> live = new HashSet<>(graph.outputNames());
        List<Node> kept = new ArrayList<>();
        List<Node> nodes = graph.nodes();
        for (int i = nodes.size() - 1; i >= 0; i--) {
            Node n = nodes.get(i);
            if (n.outputs().stream().anyMatch(live::contains)) {
                kept.add(n);
                n.inputs().stream().filter(s -> !s.isEmpty()).forEach(live::add);
            }
        }
        Collections.reverse(kept);
        Map<String, Tensor> inits = new LinkedHashMap<>();
        Set<Tensor> keptTensors = Collections.newSetFromMap(new IdentityHashMap<>());
        graph.initializers().forEach((k, v) -> {
            if (live.contains(k)) {
                inits.put(k, v);
                keptTensors.add(v);
            }
        });
        graph.initializers().values().stream().filter(t -> !keptTensors.contains(t)).forEach(Tensor::close);
        if (kept.size() == nodes.size() && inits.size() == graph.initializers().size()) {
            return graph;
        }
        return graph.withNodes(kept, inits);
    }
}
