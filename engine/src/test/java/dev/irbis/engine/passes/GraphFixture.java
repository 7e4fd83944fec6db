package dev.irbis.engine.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.engine.api.Model;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Dim;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Supplier;

/** Builds small graphs for pass tests and runs them with and without the optimisation passes. */
final class GraphFixture {
    final List<Node> nodes = new ArrayList<>();
    final Map<String, Tensor> inits = new LinkedHashMap<>();
    final Random rnd;
    private final int opset;

    GraphFixture(long seed, int opset) {
        this.rnd = new Random(seed);
        this.opset = opset;
    }

    String init(String name, long[] shape, double scale, double offset) {
        Tensor t = Tensor.allocate(DataType.FLOAT, shape);
        for (long i = 0; i < t.size(); i++) {
            t.setFloat(i, (float) (offset + scale * rnd.nextGaussian()));
        }
        inits.put(name, t);
        return name;
    }

    String initLongs(String name, long... values) {
        Tensor src = Tensor.ofLongs(new long[] {values.length}, values);
        inits.put(name, src.copy());
        return name;
    }

    String node(String op, List<String> in, String out, Attribute... attrs) {
        nodes.add(new Node(out + "_node", op, "", opset, in, List.of(out), Attributes.of(attrs)));
        return out;
    }

    Graph graph(String input, long[] inputShape, String output) {
        List<Dim> dims = Arrays.stream(inputShape).mapToObj(Dim::of).toList();
        return new Graph("test", List.of(new ValueInfo(input, DataType.FLOAT, dims)),
                List.of(new ValueInfo(output, DataType.FLOAT, null)), nodes, inits, Map.of("", opset), Map.of());
    }

    static Tensor randomInput(long[] shape, long seed) {
        Random r = new Random(seed);
        float[] v = new float[(int) Arrays.stream(shape).reduce(1, (a, b) -> a * b)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return Tensor.ofFloats(shape, v);
    }

    /** Runs a fresh copy of the graph unoptimised and optimised; asserts equal outputs; returns the optimised graph. */
    static Graph assertSameResults(Supplier<Graph> build, Tensor input, double tol) {
        float[] plain;
        try (Model m = new Model(build.get(), List.of(), Model.Options.defaults().withThreads(1).withOptimise(false))) {
            plain = m.run(input).toFloatArray();
        }
        try (Model m = new Model(build.get(), List.of(), Model.Options.defaults().withThreads(1))) {
            float[] opt = m.run(input).toFloatArray();
            assertEquals(plain.length, opt.length);
            for (int i = 0; i < plain.length; i++) {
                assertEquals(plain[i], opt[i], tol * (1 + Math.abs(plain[i])), "element " + i);
            }
            return m.optimisedGraph();
        }
    }

    static long count(Graph g, String op) {
        return g.nodes().stream().filter(n -> n.opType().equals(op)).count();
    }
}
