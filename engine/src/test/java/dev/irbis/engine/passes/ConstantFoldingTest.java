package dev.irbis.engine.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Graph;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Weight standardization written as ops on a weight must be computed once at load, not per run. */
class ConstantFoldingTest {
    private static final long[] X = {1, 3, 9, 9};

    /** StdConv2d as the dynamo exporter writes it: mean/var over the weight, then (w - mean) / sqrt(var + eps). */
    private static Graph standardizedConv() {
        GraphFixture f = new GraphFixture(1, 17);
        String w = f.init("w", new long[] {4, 3, 3, 3}, 0.5, 0.1);
        String axes = "axes";
        f.initLongs(axes, 1, 2, 3);
        String mean = f.node("ReduceMean", List.of(w), "mean", Attribute.ofInts("axes", 1, 2, 3), Attribute.ofInt("keepdims", 1));
        String centred = f.node("Sub", List.of(w, mean), "centred");
        String sq = f.node("Mul", List.of(centred, centred), "sq");
        String var = f.node("ReduceMean", List.of(sq), "var", Attribute.ofInts("axes", 1, 2, 3), Attribute.ofInt("keepdims", 1));
        String eps = f.init("eps", new long[0], 0, 1e-8);
        String veps = f.node("Add", List.of(var, eps), "veps");
        String sd = f.node("Sqrt", List.of(veps), "sd");
        String ws = f.node("Div", List.of(centred, sd), "ws");
        f.inits.remove(axes).close();
        f.node("Conv", List.of("x", ws), "y", Attribute.ofInts("pads", 1, 1, 1, 1));
        return f.graph("x", X, "y");
    }

    /** The TorchScript form: BatchNormalization(training_mode=1) over a [1, O, I*k*k] view of the weight. */
    private static Graph batchNormStandardizedConv() {
        GraphFixture f = new GraphFixture(2, 15);
        String w = f.init("w", new long[] {4, 3, 3, 3}, 0.5, 0.1);
        f.initLongs("flat", 1, 4, -1);
        f.initLongs("back", 4, 3, 3, 3);
        String ones = f.init("ones", new long[] {4}, 0, 1);
        String zeros = f.init("zeros", new long[] {4}, 0, 0);
        String mean = f.init("rm", new long[] {4}, 0, 0);
        String var = f.init("rv", new long[] {4}, 0, 1);
        String flat = f.node("Reshape", List.of(w, "flat"), "wflat");
        f.nodes.add(new dev.irbis.engine.ir.Node("bn", "BatchNormalization", "", 15, List.of(flat, ones, zeros, mean, var),
                List.of("wstd"), dev.irbis.engine.ir.Attributes.of(Attribute.ofFloat("epsilon", 1e-8f), Attribute.ofInt("training_mode", 1))));
        String ws = f.node("Reshape", List.of("wstd", "back"), "ws");
        f.node("Conv", List.of("x", ws), "y", Attribute.ofInts("pads", 1, 1, 1, 1));
        return f.graph("x", X, "y");
    }

    @Test
    void foldsOpsOnWeights() {
        Graph g = GraphFixture.assertSameResults(ConstantFoldingTest::standardizedConv, GraphFixture.randomInput(X, 7), 1e-5);
        assertEquals(List.of("Conv"), g.nodes().stream().map(n -> n.opType()).toList());
    }

    @Test
    void foldsTrainingModeBatchNormOnWeights() {
        Graph g = GraphFixture.assertSameResults(ConstantFoldingTest::batchNormStandardizedConv, GraphFixture.randomInput(X, 8), 1e-5);
        assertEquals(List.of("Conv"), g.nodes().stream().map(n -> n.opType()).toList());
    }
}
