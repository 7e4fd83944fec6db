package dev.irbis.engine.passes;

import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.engine.tensor.Tensor;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises weight standardization as torch's dynamo exporter writes timm's StdConv2d:
 * <pre>
 *   v = Reshape(W, [1, O, -1]);  mean = ReduceMean(v, all axes but 1, keepdims 0)
 *   var = ReduceMean(Mul(d, d), same axes, keepdims 0)  with  d = Sub(v, ReduceMean(v, same axes, keepdims 1))
 *   y = BatchNormalization(v, scale, B, mean, var)   (inference mode)
 * </pre>
 * The BatchNormalization is fed the batch statistics of its own input, so it is replaced by
 * {@code dev.irbis.BatchStatNormalization(v, scale, B)}, which computes them itself; the statistics
 * chains become dead and are never evaluated. On BiT-M R152x4 that turns about eight passes over
 * 4 GB of weights at load into two. The rank of v must be known (from the Reshape's constant shape) so
 * that the reduction axes can be checked to be exactly "all but the channel axis".
 */
public final class WeightStandardizationRecognition implements Pass {
    @Override
    public Graph apply(Graph graph, OperatorRegistry registry) {
        Map<String, Node> producers = graph.producers();
        Map<String, Tensor> constants = graph.initializers();
        NodeRewrites edits = new NodeRewrites();
        for (Node bn : graph.nodes()) {
            if (!bn.domain().isEmpty() || !bn.opType().equals("BatchNormalization")
                    || bn.attributes().getLong("training_mode", 0) != 0 || bn.attributes().getLong("spatial", 1) != 1
                    || bn.inputs().size() < 5 || usesStatisticsOutputs(bn)) {
                continue;
            }
            String v = bn.input(0);
            int rank = reshapedRank(v, producers, constants);
            if (rank < 2) {
                continue;
            }
            Set<Long> axes = new HashSet<>();
            for (long a = 0; a < rank; a++) {
                if (a != 1) {
                    axes.add(a);
                }
            }
            Node mean = producers.get(bn.input(3));
            Node var = producers.get(bn.input(4));
            if (!isMean(mean, v, axes, 0, rank, constants) || !isVariance(var, v, axes, rank, producers, constants)) {
                continue;
            }
            Attributes attrs = Attributes.of(Attribute.ofFloat("epsilon", bn.attributes().getFloat("epsilon", 1e-5f)));
            edits.replace(bn, new Node(bn.name(), "BatchStatNormalization", Node.IRBIS_DOMAIN, 1,
                    List.of(v, bn.inputs().get(1), bn.inputs().get(2)), List.of(bn.outputs().get(0)), attrs));
        }
        return edits.applyTo(graph, graph.initializers());
    }

    private static boolean usesStatisticsOutputs(Node bn) {
        return bn.outputs().stream().skip(1).anyMatch(o -> !o.isEmpty());
    }

    /** The rank of a value made by Reshape with a constant shape, else -1. */
    private static int reshapedRank(String value, Map<String, Node> producers, Map<String, Tensor> constants) {
        Node r = producers.get(value);
        if (r == null || !r.domain().isEmpty() || !r.opType().equals("Reshape") || r.input(1) == null) {
            return -1;
        }
        Tensor shape = constants.get(r.input(1));
        return shape == null || shape.rank() != 1 ? -1 : (int) shape.size();
    }

    /** ReduceMean of {@code input} over exactly {@code axes}, with the given keepdims. */
    private static boolean isMean(Node n, String input, Set<Long> axes, long keepdims, int rank, Map<String, Tensor> constants) {
        if (n == null || !n.domain().isEmpty() || !n.opType().equals("ReduceMean") || !input.equals(n.input(0))
                || n.attributes().getLong("keepdims", 1) != keepdims) {
            return false;
        }
        long[] given;
        if (n.attributes().has("axes")) {
            given = n.attributes().getLongs("axes", null);
        } else {
            Tensor t = n.input(1) == null ? null : constants.get(n.input(1));
            if (t == null) {
                return false;
            }
            given = t.toLongArray();
        }
        Set<Long> normalised = new HashSet<>();
        for (long a : given) {
            normalised.add(a < 0 ? a + rank : a);
        }
        return normalised.equals(axes) && given.length == axes.size();
    }

    /** ReduceMean(Mul(d, d)) with d = Sub(v, ReduceMean(v, keepdims 1)), all over {@code axes}. */
    private static boolean isVariance(Node var, String v, Set<Long> axes, int rank, Map<String, Node> producers,
                                      Map<String, Tensor> constants) {
        if (var == null || !isMean(var, var.input(0), axes, 0, rank, constants)) {
            return false;
        }
        Node square = producers.get(var.input(0));
        if (square == null || !square.domain().isEmpty() || !square.opType().equals("Mul")
                || square.input(0) == null || !square.input(0).equals(square.input(1))) {
            return false;
        }
        Node diff = producers.get(square.input(0));
        if (diff == null || !diff.domain().isEmpty() || !diff.opType().equals("Sub") || !v.equals(diff.input(0))) {
            return false;
        }
        return isMean(producers.get(diff.input(1)), v, axes, 1, rank, constants);
    }
}
