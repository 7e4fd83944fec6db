package dev.irbis.engine.exec;

import dev.irbis.engine.IrbisException;
import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.engine.tensor.Tensor;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Runs a graph node by node in topological order. Every node is compiled once, when the executor is
 * built, so unknown operators and bad attributes fail at load. Values live in numbered slots; each
 * intermediate is freed right after the last node that reads it, so peak memory follows the widest
 * point of the graph rather than its total. Immutable and safe to use from many threads at once.
 */
public final class GraphExecutor {
    private final Graph graph;
    private final Operator[] operators;
    private final int[][] inputSlots;
    private final int[][] outputSlots;
    /** Slots to free after each step: intermediates whose last reader is that step. */
    private final int[][] releaseAfter;
    private final int slotCount;
    private final Map<String, Integer> slotOf;
    private final Tensor[] constantSlots;
    private final InputBinder binder;

    public GraphExecutor(Graph graph, OperatorRegistry registry) {
        this.graph = graph;
        List<Node> nodes = graph.nodes();
        slotOf = new HashMap<>();
        for (ValueInfo in : graph.inputs()) {
            slotOf.put(in.name(), slotOf.size());
        }
        for (String init : graph.initializers().keySet()) {
            slotOf.put(init, slotOf.size());
        }
        for (Node n : nodes) {
            for (String out : n.outputs()) {
                if (!out.isEmpty()) {
                    slotOf.put(out, slotOf.size());
                }
            }
        }
        slotCount = slotOf.size();
        constantSlots = new Tensor[slotCount];
        graph.initializers().forEach((k, v) -> constantSlots[slotOf.get(k)] = v);

        operators = new Operator[nodes.size()];
        inputSlots = new int[nodes.size()][];
        outputSlots = new int[nodes.size()][];
        int[] lastUse = new int[slotCount];
        java.util.Arrays.fill(lastUse, -1);
        for (int i = 0; i < nodes.size(); i++) {
            Node n = nodes.get(i);
            operators[i] = registry.create(n);
            inputSlots[i] = n.inputs().stream().mapToInt(s -> s.isEmpty() ? -1 : slotOf.get(s)).toArray();
            outputSlots[i] = n.outputs().stream().mapToInt(s -> s.isEmpty() ? -1 : slotOf.get(s)).toArray();
            for (int s : inputSlots[i]) {
                if (s >= 0) {
                    lastUse[s] = i;
                }
            }
        }
        Set<String> outputs = graph.outputNames();
        Map<Integer, List<Integer>> release = new HashMap<>();
        for (int i = 0; i < nodes.size(); i++) {
            for (int k = 0; k < outputSlots[i].length; k++) {
                int s = outputSlots[i][k];
                if (s < 0 || outputs.contains(nodes.get(i).outputs().get(k))) {
                    continue;
                }
                // An output nobody reads is freed right after the node that made it.
                int step = lastUse[s] < 0 ? i : lastUse[s];
                release.computeIfAbsent(step, x -> new java.util.ArrayList<>()).add(s);
            }
        }
        releaseAfter = new int[nodes.size()][];
        for (int i = 0; i < nodes.size(); i++) {
            releaseAfter[i] = release.getOrDefault(i, List.of()).stream().mapToInt(Integer::intValue).toArray();
        }
        binder = new InputBinder(graph.inputs());
    }

    public Graph graph() {
        return graph;
    }

    /**
     * Runs the graph. Inputs are checked against the declared types and shapes (symbolic dims must
     * agree across inputs). The returned tensors belong to the caller and need no closing.
     */
    public Map<String, Tensor> run(Map<String, Tensor> inputs, ExecContext ctx) {
        return run(inputs, ctx, NodeObserver.NONE);
    }

    /** As {@link #run(Map, ExecContext)}, reporting each node to {@code observer}. */
    public Map<String, Tensor> run(Map<String, Tensor> inputs, ExecContext ctx, NodeObserver observer) {
        binder.check(inputs);
        Tensor[] slots = constantSlots.clone();
        for (ValueInfo in : graph.inputs()) {
            slots[slotOf.get(in.name())] = inputs.get(in.name());
        }
        int step = 0;
        try {
            for (; step < operators.length; step++) {
                Tensor[] args = new Tensor[inputSlots[step].length];
                for (int k = 0; k < args.length; k++) {
                    int s = inputSlots[step][k];
                    args[k] = s < 0 ? null : slots[s];
                }
                long start = System.nanoTime();
                Tensor[] results = operators[step].run(args, ctx);
                if (observer != NodeObserver.NONE) {
                    observer.afterNode(graph.nodes().get(step), args, results, System.nanoTime() - start);
                }
                int[] outs = outputSlots[step];
                if (results.length < outs.length) {
                    throw new ModelFormatException("produced " + results.length + " outputs but the node declares " + outs.length);
                }
                for (int k = 0; k < outs.length; k++) {
                    if (outs[k] >= 0) {
                        slots[outs[k]] = results[k];
                    } else if (results[k] != null) {
                        results[k].close();
                    }
                }
                for (int k = outs.length; k < results.length; k++) {
                    if (results[k] != null) {
                        results[k].close();
                    }
                }
                for (int s : releaseAfter[step]) {
                    release(slots, s);
                }
            }
            Map<String, Tensor> result = new LinkedHashMap<>();
            for (ValueInfo out : graph.outputs()) {
                Tensor t = slots[slotOf.get(out.name())];
                result.put(out.name(), t.copyCollected());
            }
            return result;
        } catch (IrbisException e) {
            if (step < operators.length) {
                e.addContext(graph.nodes().get(step).describe());
            }
            throw e;
        } catch (RuntimeException e) {
            if (step < operators.length) {
                throw new IrbisException(graph.nodes().get(step).describe() + ": internal error: " + e, e);
            }
            throw e;
        } finally {
            // Frees everything the run allocated; constants and the caller's inputs are not owned.
            for (ValueInfo in : graph.inputs()) {
                slots[slotOf.get(in.name())] = null;
            }
            for (int s = 0; s < slots.length; s++) {
                if (slots[s] != null && slots[s] != constantSlots[s]) {
                    release(slots, s);
                }
            }
        }
    }

    private static void release(Tensor[] slots, int s) {
        Tensor t = slots[s];
        slots[s] = null;
        if (t != null) {
            t.close();
        }
    }
}
