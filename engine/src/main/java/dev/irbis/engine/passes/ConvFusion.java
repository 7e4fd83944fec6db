package dev.irbis.engine.passes;

import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Fuses what follows a convolution into its epilogue, so the output is written once instead of
 * re-read by each elementwise op: {@code Conv -> [Add] -> [Relu]} becomes one
 * {@code dev.irbis.FusedConv(X, W, B, R)} with {@code Y = act(conv(X, W) + B + R)}.
 * <ul>
 * <li>An Add of a constant per-channel tensor ([C,1,..,1], [1,C,1,..,1] or a scalar) is folded into the
 *     bias (tf2onnx writes conv bias that way).</li>
 * <li>An Add of another activation becomes the residual R, but only when R comes from an operator that
 *     keeps full activation shapes (a convolution, an activation, an add, a pooling window): a
 *     broadcast Add (of a pooled [N,C,1,1], say) is left alone.</li>
 * <li>A Relu that is the only reader becomes {@code activation = "relu"}.</li>
 * </ul>
 * Every intermediate must have the fused chain as its only reader and must not be a graph output.
 */
public final class ConvFusion implements Pass {
    private static final Set<String> FULL_SHAPE_PRODUCERS = Set.of("Conv", "FusedConv", "Relu", "Add", "Sum",
            "BatchNormalization", "MaxPool", "AveragePool", "Clip", "LeakyRelu", "GroupNorm", "GroupNormalization",
            "InstanceNormalization", "Sigmoid", "Tanh");

    @Override
    public Graph apply(Graph graph, OperatorRegistry registry) {
        if (!registry.supports(Node.IRBIS_DOMAIN, "FusedConv", 1)) {
            return graph;
        }
        Map<String, Tensor> constants = new LinkedHashMap<>(graph.initializers());
        Map<String, List<Node>> consumers = graph.consumers();
        Map<String, Node> producers = graph.producers();
        Set<String> graphOutputs = graph.outputNames();
        UniqueNames names = new UniqueNames(graph);
        NodeRewrites edits = new NodeRewrites();
        for (Node conv : graph.nodes()) {
            if (!conv.domain().isEmpty() || !conv.opType().equals("Conv") || conv.outputs().size() != 1) {
                continue;
            }
            String out = conv.outputs().get(0);
            String bias = conv.input(2);
            String residual = null;
            String activation = "none";
            List<Node> absorbed = new ArrayList<>();
            Node next = soleReader(out, consumers, graphOutputs, edits);
            if (next != null && isDefault(next, "Add") && next.inputs().size() == 2) {
                String other = out.equals(next.input(0)) ? next.input(1) : next.input(0);
                Tensor constant = other == null ? null : constants.get(other);
                if (constant != null) {
                    String merged = mergeBias(conv, bias, constant, constants, names);
                    if (merged != null) {
                        bias = merged;
                        absorbed.add(next);
                    }
                } else if (other != null && !other.equals(out) && isFullShape(other, producers)) {
                    residual = other;
                    absorbed.add(next);
                }
                if (!absorbed.isEmpty()) {
                    out = next.outputs().get(0);
                    next = soleReader(out, consumers, graphOutputs, edits);
                }
            }
            if (next != null && isDefault(next, "Relu")) {
                activation = "relu";
                absorbed.add(next);
                out = next.outputs().get(0);
            }
            if (absorbed.isEmpty()) {
                continue;
            }
            List<String> inputs = new ArrayList<>(List.of(conv.inputs().get(0), conv.inputs().get(1), bias == null ? "" : bias));
            if (residual != null) {
                inputs.add(residual);
            }
            Attributes attrs = conv.attributes().with(Attribute.ofString("activation", activation));
            edits.replace(conv, new Node(conv.name(), "FusedConv", Node.IRBIS_DOMAIN, 1, inputs, List.of(out), attrs));
            absorbed.forEach(edits::remove);
        }
        return edits.applyTo(graph, constants);
    }

    /** Bias + a constant per-channel addend, as a new initializer; null when the constant is not per-channel. */
    private static String mergeBias(Node conv, String bias, Tensor addend, Map<String, Tensor> constants, UniqueNames names) {
        Tensor w = constants.get(conv.input(1));
        Tensor b = bias == null ? null : constants.get(bias);
        if (w == null || w.rank() < 3 || (bias != null && b == null) || addend.dataType() != DataType.FLOAT) {
            return null;
        }
        long m = w.dim(0);
        int outRank = w.rank();
        if (!isPerChannel(addend, m, outRank)) {
            return null;
        }
        Tensor merged = Tensor.allocate(DataType.FLOAT, m);
        for (long c = 0; c < m; c++) {
            float add = addend.size() == 1 ? addend.getFloat(0) : addend.getFloat(c);
            merged.setFloat(c, (b == null ? 0f : b.getFloat(c)) + add);
        }
        String name = names.fresh((bias == null ? conv.input(1) : bias) + "_plus_add");
        constants.put(name, merged);
        return name;
    }

    /** A scalar, [M], or shaped [M,1,..,1] / [1,M,1,..,1] so that it broadcasts per output channel of rank outRank. */
    private static boolean isPerChannel(Tensor t, long m, int outRank) {
        if (t.size() == 1 && t.rank() <= outRank) {
            return true;
        }
        if (t.size() != m || t.rank() > outRank || t.rank() < outRank - 1) {
            return false;
        }
        // The channel dim sits at index 1 of the output: in t it is at index 1 - (outRank - t.rank()).
        int channelAt = 1 - (outRank - t.rank());
        for (int i = 0; i < t.rank(); i++) {
            if (i != channelAt && t.dim(i) != 1) {
                return false;
            }
        }
        return true;
    }

    private static boolean isFullShape(String value, Map<String, Node> producers) {
        Node p = producers.get(value);
        return p != null && FULL_SHAPE_PRODUCERS.contains(p.opType())
                && (p.domain().isEmpty() || p.domain().equals(Node.IRBIS_DOMAIN));
    }

    /** The only reader of a value, unless it is a graph output or already fused into another convolution. */
    private static Node soleReader(String value, Map<String, List<Node>> consumers, Set<String> graphOutputs, NodeRewrites edits) {
        List<Node> readers = consumers.getOrDefault(value, List.of());
        return readers.size() == 1 && !graphOutputs.contains(value) && !edits.touches(readers.get(0)) ? readers.get(0) : null;
    }

    private static boolean isDefault(Node n, String op) {
        return n.domain().isEmpty() && n.opType().equals(op);
    }
}
