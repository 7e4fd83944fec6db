package dev.irbis.engine.api;

import dev.irbis.engine.InvalidInputException;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import java.util.Map;
import java.util.Set;

/**
 * Finds a classifier's pooled feature vector: walking back from the first output through the
 * score-side ops (Softmax, bias Add, reshapes) to the head (Gemm, MatMul or Conv), and taking the
 * head's data input when it comes, through reshapes only, from a global pooling (GlobalAveragePool,
 * ReduceMean, GlobalMaxPool, ReduceMax, AveragePool).
 */
final class PooledFeatureFinder {
    private static final Set<String> RESHAPES = Set.of("Identity", "Reshape", "Flatten", "Squeeze", "Unsqueeze", "Dropout", "Transpose");
    private static final Set<String> AFTER_HEAD = Set.of("Softmax", "LogSoftmax", "Sigmoid", "Add", "Identity", "Reshape",
            "Flatten", "Squeeze", "Unsqueeze", "Dropout");
    private static final Set<String> HEADS = Set.of("Gemm", "MatMul", "Conv");
    private static final Set<String> POOLS = Set.of("GlobalAveragePool", "ReduceMean", "GlobalMaxPool", "ReduceMax", "AveragePool");
    private static final int MAX_STEPS = 64;

    private PooledFeatureFinder() {
    }

    static String find(Graph graph) {
        Map<String, Node> producers = graph.producers();
        String start = graph.outputs().getFirst().name();
        Node n = producers.get(start);
        for (int steps = 0; n != null && steps < MAX_STEPS; steps++) {
            if (!n.domain().isEmpty()) {
                break;
            }
            if (HEADS.contains(n.opType())) {
                String features = n.input(0);
                if (features != null && comesFromPooling(features, producers)) {
                    return features;
                }
                break;
            }
            if (!AFTER_HEAD.contains(n.opType())) {
                break;
            }
            n = producers.get(dataInput(n, graph));
        }
        throw new InvalidInputException("cannot find the pooled feature vector automatically: the output '" + start
                + "' does not come from a Gemm/MatMul/Conv head fed by a global pooling; name the feature value instead");
    }

    /** The input carrying activations: for a bias Add, the one that is not a constant. */
    private static String dataInput(Node n, Graph graph) {
        if (n.opType().equals("Add") && n.input(0) != null && graph.initializers().containsKey(n.input(0))) {
            return n.input(1);
        }
        return n.input(0);
    }

    private static boolean comesFromPooling(String value, Map<String, Node> producers) {
        Node n = producers.get(value);
        for (int steps = 0; n != null && steps < MAX_STEPS; steps++) {
            if (!n.domain().isEmpty()) {
                return false;
            }
            if (POOLS.contains(n.opType())) {
                return true;
            }
            if (!RESHAPES.contains(n.opType()) || n.input(0) == null) {
                return false;
            }
            n = producers.get(n.input(0));
        }
        return false;
    }
}
