package dev.irbis.engine.passes;

import dev.irbis.engine.exec.BufferPool;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.gemm.OpenBlasGemm;
import dev.irbis.kernels.parallel.ThreadBudget;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Evaluates at load every node whose inputs are all constants and turns its outputs into
 * initializers. This is what makes weight standardization written as ops on a weight (timm's
 * StdConv2d exports) cost nothing per inference, and it resolves Constant nodes.
 */
public final class ConstantFolding implements Pass {
    /** Ops whose outputs may be far larger than their inputs: folded only while small. */
    private static final Set<String> EXPANDING = Set.of("Expand", "ConstantOfShape", "Tile", "Range");
    private static final long MAX_EXPANDED_ELEMENTS = 1 << 20;
    /** Freed intermediates kept for the next weight of the same size (BiT's repeated blocks). */
    private static final long FOLDING_IDLE_BYTES = 512L << 20;

    @Override
    public Graph apply(Graph graph, OperatorRegistry registry) {
        Map<String, Tensor> constants = new LinkedHashMap<>(graph.initializers());
        Set<String> graphOutputs = graph.outputNames();
        Map<String, Integer> readers = readerCounts(graph);
        List<Node> kept = new ArrayList<>();
        boolean changed = false;
        // Folding a big model's weights is real work: it gets every core, and buffers that skip the
        // zero fill. Outputs that stay constants outlive the pool; closing them later frees them.
        try (ThreadBudget threads = new ThreadBudget(Runtime.getRuntime().availableProcessors());
             BufferPool buffers = new BufferPool(FOLDING_IDLE_BYTES)) {
            ExecContext ctx = new ExecContext(OpenBlasGemm.instance(), threads, buffers);
            changed = fold(graph, registry, ctx, constants, graphOutputs, readers, kept);
        }
        return changed ? graph.withNodes(kept, constants) : graph;
    }

    private static boolean fold(Graph graph, OperatorRegistry registry, ExecContext ctx, Map<String, Tensor> constants,
                                Set<String> graphOutputs, Map<String, Integer> readers, List<Node> kept) {
        boolean changed = false;
        for (Node n : graph.nodes()) {
            if (!isFoldable(n, constants, graphOutputs)) {
                kept.add(n);
                continue;
            }
            Operator op = registry.create(n);
            Tensor[] args = new Tensor[n.inputs().size()];
            for (int i = 0; i < args.length; i++) {
                args[i] = n.input(i) == null ? null : constants.get(n.input(i));
            }
            Tensor[] out;
            try {
                out = op.run(args, ctx);
            } catch (RuntimeException e) {
                // Leave it to fail (or not) at run time with the full context of a real run.
                kept.add(n);
                continue;
            }
            if (EXPANDING.contains(n.opType()) && out.length > 0 && out[0] != null && out[0].size() > MAX_EXPANDED_ELEMENTS) {
                for (Tensor t : out) {
                    if (t != null) {
                        t.close();
                    }
                }
                kept.add(n);
                continue;
            }
            for (int i = 0; i < out.length; i++) {
                if (i < n.outputs().size() && !n.outputs().get(i).isEmpty() && out[i] != null) {
                    constants.put(n.outputs().get(i), out[i]);
                } else if (out[i] != null) {
                    out[i].close();
                }
            }
            // Intermediates of a folded chain (the centred and squared copies of a weight being
            // standardized, say) are freed as soon as their last reader is folded, so folding a big
            // model never holds several copies of its weights at once.
            for (String in : n.inputs()) {
                if (!in.isEmpty() && readers.merge(in, -1, Integer::sum) == 0 && !graphOutputs.contains(in)) {
                    Tensor t = constants.remove(in);
                    if (t != null) {
                        t.close();
                    }
                }
            }
            changed = true;
        }
        return changed;
    }

    /** How many node inputs read each value (a node reading a value twice counts twice). */
    private static Map<String, Integer> readerCounts(Graph graph) {
        Map<String, Integer> counts = new java.util.HashMap<>();
        for (Node n : graph.nodes()) {
            for (String in : n.inputs()) {
                if (!in.isEmpty()) {
                    counts.merge(in, 1, Integer::sum);
                }
            }
        }
        return counts;
    }

    private static boolean isFoldable(Node n, Map<String, Tensor> constants, Set<String> graphOutputs) {
        if (n.outputs().stream().anyMatch(graphOutputs::contains)) {
            return false;
        }
        for (String in : n.inputs()) {
            if (!in.isEmpty() && !constants.containsKey(in)) {
                return false;
            }
        }
        return true;
    }
}
