package dev.irbis.engine.passes;

import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Recognises group norm as torch.onnx writes it (both the TorchScript and the dynamo exporter):
 * <pre>
 *   r = Reshape(x, [0, G, -1]);  n = InstanceNormalization(r, s[G], b[G]);  y = Reshape(n, Shape(x))
 *   z = Add(Mul(y, gamma[C,1,1]), beta[C,1,1])
 * </pre>
 * and replaces it with one {@code dev.irbis.GroupNorm(x, gamma', beta')} whose per-channel affine
 * absorbs the instance norm's per-group one: {@code gamma'[c] = gamma[c] * s[g(c)]},
 * {@code beta'[c] = gamma[c] * b[g(c)] + beta[c]}. Only the exact pattern is rewritten: every
 * intermediate must have a single reader and the shapes must make the two forms equal.
 */
public final class GroupNormRecognition implements Pass {
    @Override
    public Graph apply(Graph graph, OperatorRegistry registry) {
        Map<String, Tensor> constants = new LinkedHashMap<>(graph.initializers());
        Map<String, List<Node>> consumers = graph.consumers();
        Map<String, Node> producers = graph.producers();
        Set<String> graphOutputs = graph.outputNames();
        UniqueNames names = new UniqueNames(graph);
        NodeRewrites edits = new NodeRewrites();
        for (Node in : graph.nodes()) {
            if (!isDefault(in, "InstanceNormalization")) {
                continue;
            }
            Match m = match(in, constants, consumers, producers, graphOutputs);
            if (m == null) {
                continue;
            }
            long c = m.gamma.size();
            long perGroup = c / m.groups;
            Tensor gamma = Tensor.allocate(DataType.FLOAT, c);
            Tensor beta = Tensor.allocate(DataType.FLOAT, c);
            for (long ch = 0; ch < c; ch++) {
                long g = ch / perGroup;
                double gm = m.gamma.getDouble(ch);
                gamma.setFloat(ch, (float) (gm * m.inScale.getDouble(g)));
                beta.setFloat(ch, (float) (gm * m.inBias.getDouble(g) + m.beta.getDouble(ch)));
            }
            String gName = names.fresh(m.mul.name() + "_group_norm_gamma");
            String bName = names.fresh(m.add.name() + "_group_norm_beta");
            constants.put(gName, gamma);
            constants.put(bName, beta);
            Attributes attrs = Attributes.of(
                    Attribute.ofInt("num_groups", m.groups),
                    Attribute.ofFloat("epsilon", in.attributes().getFloat("epsilon", 1e-5f)),
                    Attribute.ofInt("input_rank", m.inputRank));
            String name = in.name().isEmpty() ? m.add.outputs().get(0) : in.name();
            Node fused = new Node(name, "GroupNorm", Node.IRBIS_DOMAIN, 1, List.of(m.x, gName, bName), List.of(m.add.outputs().get(0)), attrs);
            edits.replace(m.add, fused);
            List.of(m.reshapeIn, in, m.reshapeOut, m.mul).forEach(edits::remove);
        }
        // The Shape(x) nodes and the reshape constants are now unread: dead-code elimination drops them.
        return edits.applyTo(graph, constants);
    }

    private record Match(String x, long groups, int inputRank, Tensor inScale, Tensor inBias, Tensor gamma, Tensor beta,
                         Node reshapeIn, Node reshapeOut, Node mul, Node add) {
    }

    private static Match match(Node in, Map<String, Tensor> constants, Map<String, List<Node>> consumers,
                               Map<String, Node> producers, Set<String> graphOutputs) {
        Node reshapeIn = producers.get(in.input(0));
        if (reshapeIn == null || !isDefault(reshapeIn, "Reshape") || !onlyReader(reshapeIn, in, consumers, graphOutputs)) {
            return null;
        }
        Tensor shape = constants.get(reshapeIn.input(1));
        if (shape == null || shape.size() != 3 || reshapeIn.attributes().getLong("allowzero", 0) != 0) {
            return null;
        }
        // [0, G, -1]: batch copied from x, G groups, the rest flattened; any other form changes the grouping.
        long groups = shape.getLong(1);
        if (shape.getLong(0) != 0 || groups <= 0 || shape.getLong(2) != -1) {
            return null;
        }
        String x = reshapeIn.input(0);
        Tensor inScale = in.input(1) == null ? null : constants.get(in.input(1));
        Tensor inBias = in.input(2) == null ? null : constants.get(in.input(2));
        if (inScale == null || inBias == null || inScale.size() != groups || inBias.size() != groups) {
            return null;
        }
        Node reshapeOut = single(in, consumers, graphOutputs);
        if (reshapeOut == null || !isDefault(reshapeOut, "Reshape") || !in.outputs().get(0).equals(reshapeOut.input(0))) {
            return null;
        }
        Node shapeOfX = producers.get(reshapeOut.input(1));
        if (shapeOfX == null || !isDefault(shapeOfX, "Shape") || !x.equals(shapeOfX.input(0))
                || shapeOfX.attributes().getLong("start", 0) != 0 || shapeOfX.attributes().has("end")) {
            return null;
        }
        Node mul = single(reshapeOut, consumers, graphOutputs);
        if (mul == null || !isDefault(mul, "Mul")) {
            return null;
        }
        Tensor gamma = otherConstant(mul, reshapeOut.outputs().get(0), constants);
        Node add = single(mul, consumers, graphOutputs);
        if (gamma == null || add == null || !isDefault(add, "Add")) {
            return null;
        }
        Tensor beta = otherConstant(add, mul.outputs().get(0), constants);
        if (beta == null) {
            return null;
        }
        int gammaRank = perChannelRank(gamma);
        if (gammaRank < 0 || perChannelRank(beta) != gammaRank || beta.size() != gamma.size()
                || gamma.size() % groups != 0 || gamma.size() < groups) {
            return null;
        }
        return new Match(x, groups, gammaRank + 1, inScale, inBias, gamma, beta, reshapeIn, reshapeOut, mul, add);
    }

    /**
     * The rank of x's trailing dims that a per-channel parameter of shape [C,1,...,1] lines up with
     * (x is then [N,C,...] of that rank + 1), or -1 when the tensor is not of that shape.
     */
    private static int perChannelRank(Tensor t) {
        if (t.rank() < 1 || !t.dataType().isFloatingPoint()) {
            return -1;
        }
        for (int i = 1; i < t.rank(); i++) {
            if (t.dim(i) != 1) {
                return -1;
            }
        }
        return t.rank();
    }

    private static Tensor otherConstant(Node binary, String operand, Map<String, Tensor> constants) {
        if (binary.inputs().size() != 2) {
            return null;
        }
        if (operand.equals(binary.input(0))) {
            return constants.get(binary.input(1));
        }
        if (operand.equals(binary.input(1))) {
            return constants.get(binary.input(0));
        }
        return null;
    }

    private static Node single(Node n, Map<String, List<Node>> consumers, Set<String> graphOutputs) {
        String out = n.outputs().get(0);
        List<Node> readers = consumers.getOrDefault(out, List.of());
        return readers.size() == 1 && !graphOutputs.contains(out) && n.outputs().size() == 1 ? readers.get(0) : null;
    }

    private static boolean onlyReader(Node producer, Node reader, Map<String, List<Node>> consumers, Set<String> graphOutputs) {
        return single(producer, consumers, graphOutputs) == reader;
    }

    private static boolean isDefault(Node n, String op) {
        return n.domain().isEmpty() && n.opType().equals(op);
    }
}
