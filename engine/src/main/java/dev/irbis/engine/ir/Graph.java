package dev.irbis.engine.ir;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.tensor.Tensor;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * An immutable, validated computation graph. Construction checks that every name is defined once,
 * every node input is defined, every output is produced and there is no cycle; the nodes are then
 * kept in a topological order. Initializers are constants; graph inputs are what callers feed.
 */
public final class Graph {
    private final String name;
    private final List<ValueInfo> inputs;
    private final List<ValueInfo> outputs;
    private final List<Node> nodes;
    private final Map<String, Tensor> initializers;
    private final Map<String, Integer> opsets;
    private final Map<String, String> metadata;

    public Graph(String name, List<ValueInfo> inputs, List<ValueInfo> outputs, List<Node> nodes,
                 Map<String, Tensor> initializers, Map<String, Integer> opsets, Map<String, String> metadata) {
        this.name = name == null ? "" : name;
        this.initializers = Collections.unmodifiableMap(new LinkedHashMap<>(initializers));
        // Old IR versions list initializers among the inputs as defaults: they are constants here.
        this.inputs = inputs.stream().filter(v -> !initializers.containsKey(v.name())).toList();
        this.outputs = List.copyOf(outputs);
        this.opsets = Collections.unmodifiableMap(new LinkedHashMap<>(opsets));
        this.metadata = Collections.unmodifiableMap(new LinkedHashMap<>(metadata));
        this.nodes = List.copyOf(sortAndValidate(nodes));
    }

    private List<Node> sortAndValidate(List<Node> unsorted) {
        Set<String> defined = new HashSet<>();
        for (ValueInfo in : inputs) {
            define(defined, in.name(), "graph input");
        }
        for (String init : initializers.keySet()) {
            define(defined, init, "initializer");
        }
        Map<String, Integer> producer = new HashMap<>();
        for (int i = 0; i < unsorted.size(); i++) {
            Node n = unsorted.get(i);
            for (String out : n.outputs()) {
                if (out.isEmpty()) {
                    continue;
                }
                if (defined.contains(out) || producer.containsKey(out)) {
                    throw new ModelFormatException(n.describe() + " writes '" + out + "', which is already defined elsewhere (names must be unique)");
                }
                producer.put(out, i);
            }
        }
        // Kahn's algorithm, keeping the file's order among ready nodes so runs are reproducible.
        int[] pending = new int[unsorted.size()];
        Map<Integer, List<Integer>> consumers = new HashMap<>();
        for (int i = 0; i < unsorted.size(); i++) {
            Node n = unsorted.get(i);
            Set<Integer> deps = new HashSet<>();
            for (String in : n.inputs()) {
                if (in.isEmpty() || defined.contains(in)) {
                    continue;
                }
                Integer p = producer.get(in);
                if (p == null) {
                    throw new ModelFormatException(n.describe() + " reads '" + in + "', which no node, input or initializer defines");
                }
                deps.add(p);
            }
            pending[i] = deps.size();
            for (int p : deps) {
                consumers.computeIfAbsent(p, k -> new ArrayList<>()).add(i);
            }
        }
        ArrayDeque<Integer> ready = new ArrayDeque<>();
        for (int i = 0; i < pending.length; i++) {
            if (pending[i] == 0) {
                ready.add(i);
            }
        }
        List<Node> sorted = new ArrayList<>(unsorted.size());
        boolean[] done = new boolean[unsorted.size()];
        while (!ready.isEmpty()) {
            int i = ready.poll();
            sorted.add(unsorted.get(i));
            done[i] = true;
            for (int c : consumers.getOrDefault(i, List.of())) {
                if (--pending[c] == 0) {
                    ready.add(c);
                }
            }
        }
        if (sorted.size() != unsorted.size()) {
            List<String> stuck = new ArrayList<>();
            for (int i = 0; i < done.length && stuck.size() < 5; i++) {
                if (!done[i]) {
                    stuck.add(unsorted.get(i).describe());
                }
            }
            throw new ModelFormatException("the graph has a cycle through " + String.join(", ", stuck));
        }
        for (ValueInfo out : outputs) {
            if (!defined.contains(out.name()) && !producer.containsKey(out.name())) {
                throw new ModelFormatException("graph output '" + out.name() + "' is not produced by any node");
            }
        }
        return sorted;
    }

    private static void define(Set<String> defined, String name, String what) {
        if (name.isEmpty()) {
            throw new ModelFormatException("a " + what + " has an empty name");
        }
        if (!defined.add(name)) {
            throw new ModelFormatException(what + " '" + name + "' is defined more than once");
        }
    }

    public String name() {
        return name;
    }

    public List<ValueInfo> inputs() {
        return inputs;
    }

    public List<ValueInfo> outputs() {
        return outputs;
    }

    /** Nodes in topological order. */
    public List<Node> nodes() {
        return nodes;
    }

    public Map<String, Tensor> initializers() {
        return initializers;
    }

    /** Imported opset version per domain ("" is the default ONNX domain). */
    public Map<String, Integer> opsets() {
        return opsets;
    }

    public Map<String, String> metadata() {
        return metadata;
    }

    /** A graph with other nodes and constants but the same interface. */
    public Graph withNodes(List<Node> newNodes, Map<String, Tensor> newInitializers) {
        return new Graph(name, inputs, outputs, newNodes, newInitializers, opsets, metadata);
    }

    /**
     * The same graph answering other values (for instance a pooled feature vector instead of the
     * logits). Each name must be a graph input, an initializer or a node output.
     */
    public Graph withOutputs(List<ValueInfo> newOutputs) {
        return new Graph(name, inputs, newOutputs, nodes, initializers, opsets, metadata);
    }

    /** The nodes that read each value name. */
    public Map<String, List<Node>> consumers() {
        Map<String, List<Node>> m = new HashMap<>();
        for (Node n : nodes) {
            for (String in : n.inputs()) {
                if (!in.isEmpty()) {
                    m.computeIfAbsent(in, k -> new ArrayList<>()).add(n);
                }
            }
        }
        return m;
    }

    /** The node producing each value name. */
    public Map<String, Node> producers() {
        Map<String, Node> m = new HashMap<>();
        for (Node n : nodes) {
            for (String out : n.outputs()) {
                if (!out.isEmpty()) {
                    m.put(out, n);
                }
            }
        }
        return m;
    }

    public Set<String> outputNames() {
        return outputs.stream().map(ValueInfo::name).collect(Collectors.toCollection(HashSet::new));
    }

    /** Operator counts by type, in order of first appearance. */
    public Map<String, Integer> operatorCounts() {
        Map<String, Integer> m = new LinkedHashMap<>();
        for (Node n : nodes) {
            m.merge(n.domain().isEmpty() ? n.opType() : n.domain() + "." + n.opType(), 1, Integer::sum);
        }
        return m;
    }
}
