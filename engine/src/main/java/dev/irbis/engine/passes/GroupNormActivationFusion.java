package dev.irbis.engine.passes;

import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.engine.tensor.Tensor;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * BiT's pre-activation blocks run group norm then ReLU. This pass makes that one
 * {@code dev.irbis.GroupNorm(activation = "relu")}, so the normalised values are written once, already
 * clamped. ONNX GroupNormalization from opset 21 (per-channel scale and bias, constant) is first put in
 * the same fused form; opset 18's per-group parameters need the channel count, unknown here, and stay.
 */
public final class GroupNormActivationFusion implements Pass {
    @Override
    public Graph apply(Graph graph, OperatorRegistry registry) {
        Map<String, List<Node>> consumers = graph.consumers();
        Set<String> graphOutputs = graph.outputNames();
        NodeRewrites edits = new NodeRewrites();
        for (Node n : graph.nodes()) {
            Node norm = asFusedGroupNorm(n, graph.initializers());
            if (norm == null) {
                continue;
            }
            String out = norm.outputs().get(0);
            List<Node> readers = consumers.getOrDefault(out, List.of());
            if (readers.size() == 1 && !graphOutputs.contains(out) && readers.get(0).domain().isEmpty()
                    && readers.get(0).opType().equals("Relu") && norm.attributes().getString("activation", "none").equals("none")) {
                Node relu = readers.get(0);
                norm = new Node(norm.name(), norm.opType(), norm.domain(), norm.opset(), norm.inputs(), relu.outputs(),
                        norm.attributes().with(Attribute.ofString("activation", "relu")));
                edits.remove(relu);
            }
            if (norm != n) {
                edits.replace(n, norm);
            }
        }
        return edits.applyTo(graph, graph.initializers());
    }

    /** The node itself when it already is Irbis's GroupNorm, its fused equivalent for GroupNormalization-21, else null. */
    private static Node asFusedGroupNorm(Node n, Map<String, Tensor> constants) {
        if (n.domain().equals(Node.IRBIS_DOMAIN) && n.opType().equals("GroupNorm")) {
            return n;
        }
        if (!n.domain().isEmpty() || !n.opType().equals("GroupNormalization") || n.opset() < 21 || n.outputs().size() != 1) {
            return null;
        }
        Tensor scale = n.input(1) == null ? null : constants.get(n.input(1));
        Tensor bias = n.input(2) == null ? null : constants.get(n.input(2));
        long groups = n.attributes().getLong("num_groups", -1);
        if (scale == null || bias == null || scale.rank() != 1 || bias.rank() != 1 || scale.size() != bias.size()
                || groups < 1 || scale.size() % groups != 0) {
            return null;
        }
        Attributes attrs = Attributes.of(
                Attribute.ofInt("num_groups", groups),
                Attribute.ofFloat("epsilon", n.attributes().getFloat("epsilon", 1e-5f)));
        return new Node(n.name(), "GroupNorm", Node.IRBIS_DOMAIN, 1, n.inputs(), n.outputs(), attrs);
    }
}
