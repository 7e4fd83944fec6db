package dev.irbis.engine.api;

import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import java.util.Map;
import java.util.Set;

/** Decides whether a graph value holds probabilities: it does when a Softmax computes it, possibly through reshapes. */
final class ScoreKindDetector {
    /** Ops that move or copy values without changing them. */
    private static final Set<String> SHAPE_ONLY = Set.of("Identity", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Dropout");

    private ScoreKindDetector() {
    }

    static ScoreKind detect(Graph graph, String value) {
        Map<String, Node> producers = graph.producers();
        Node n = producers.get(value);
        // A bounded walk: graphs are acyclic, but a pathological chain should not cost much.
        for (int steps = 0; n != null && steps < 64; steps++) {
            if (n.domain().isEmpty() && n.opType().equals("Softmax")) {
                return ScoreKind.PROBABILITIES;
            }
            if (!n.domain().isEmpty() || !SHAPE_ONLY.contains(n.opType()) || n.input(0) == null) {
                break;
            }
            n = producers.get(n.input(0));
        }
        // LogSoftmax output counts as logits: softmax(log_softmax(x)) == softmax(x).
        return ScoreKind.LOGITS;
    }
}
