package dev.irbis.engine.passes;

import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Folds an inference-mode BatchNormalization into the Conv that feeds it:
 * {@code W'[m] = W[m] * s[m] / sqrt(var[m] + eps)} and {@code b'[m] = (b[m] - mean[m]) * s[m] / sqrt(var[m] + eps) + B[m]}.
 * Only when the weights and the BN parameters are constants and nothing else reads the Conv output.
 */
public final class BatchNormFolding implements Pass {
    @Override
    public Graph apply(Graph graph, OperatorRegistry registry) {
        Map<String, Tensor> constants = new LinkedHashMap<>(graph.initializers());
        Map<String, List<Node>> consumers = graph.consumers();
        Set<String> graphOutputs = graph.outputNames();
        UniqueNames names = new UniqueNames(graph);
        NodeRewrites edits = new NodeRewrites();
        for (Node conv : graph.nodes()) {
            if (!conv.opType().equals("Conv") || !conv.domain().isEmpty()) {
                continue;
            }
            String y = conv.outputs().get(0);
            List<Node> readers = consumers.getOrDefault(y, List.of());
            if (readers.size() != 1 || graphOutputs.contains(y)) {
                continue;
            }
            Node bn = readers.get(0);
            if (!isFoldableBatchNorm(bn, y, constants, consumers, graphOutputs)) {
                continue;
            }
            Tensor w = constants.get(conv.input(1));
            Tensor b = conv.input(2) == null ? null : constants.get(conv.input(2));
            if (w == null || w.dataType() != DataType.FLOAT || w.rank() < 3 || (conv.input(2) != null && b == null)) {
                continue;
            }
            long m = w.dim(0);
            Tensor scale = constants.get(bn.input(1));
            Tensor shift = constants.get(bn.input(2));
            Tensor mean = constants.get(bn.input(3));
            Tensor var = constants.get(bn.input(4));
            if (scale.size() != m || shift.size() != m || mean.size() != m || var.size() != m || (b != null && b.size() != m)) {
                continue;
            }
            double eps = bn.attributes().getFloat("epsilon", 1e-5f);
            Tensor w2 = Tensor.allocate(DataType.FLOAT, w.shape());
            Tensor b2 = Tensor.allocate(DataType.FLOAT, m);
            long per = w.size() / m;
            for (long oc = 0; oc < m; oc++) {
                double k = scale.getDouble(oc) / Math.sqrt(var.getDouble(oc) + eps);
                for (long i = 0; i < per; i++) {
                    w2.setFloat(oc * per + i, (float) (w.getFloat(oc * per + i) * k));
                }
                double bias = b == null ? 0 : b.getDouble(oc);
                b2.setFloat(oc, (float) ((bias - mean.getDouble(oc)) * k + shift.getDouble(oc)));
            }
            String wName = names.fresh(conv.input(1) + "_bn_folded");
            String bName = names.fresh((conv.input(2) == null ? conv.name() + "_bias" : conv.input(2)) + "_bn_folded");
            constants.put(wName, w2);
            constants.put(bName, b2);
            edits.replace(conv, new Node(conv.name(), "Conv", "", conv.opset(), List.of(conv.inputs().get(0), wName, bName),
                    List.of(bn.outputs().get(0)), conv.attributes()));
            edits.remove(bn);
        }
        return edits.applyTo(graph, constants);
    }

    private static boolean isFoldableBatchNorm(Node bn, String x, Map<String, Tensor> constants,
                                               Map<String, List<Node>> consumers, Set<String> graphOutputs) {
        if (!bn.opType().equals("BatchNormalization") || !bn.domain().isEmpty() || !x.equals(bn.input(0))) {
            return false;
        }
        if (bn.attributes().getLong("training_mode", 0) != 0 || bn.attributes().getLong("spatial", 1) != 1) {
            return false;
        }
        for (int i = 1; i <= 4; i++) {
            Tensor t = bn.input(i) == null ? null : constants.get(bn.input(i));
            if (t == null || !t.dataType().isFloatingPoint()) {
                return false;
            }
        }
        // Extra outputs (running statistics) only exist in training mode; any reader of them blocks folding.
        for (int i = 1; i < bn.outputs().size(); i++) {
            String o = bn.outputs().get(i);
            if (!o.isEmpty() && (consumers.containsKey(o) || graphOutputs.contains(o))) {
                return false;
            }
        }
        return true;
    }
}
