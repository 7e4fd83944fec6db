package dev.irbis.engine.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

class GroupNormRecognitionTest {
    private static final long[] X = {2, 8, 5, 6};

    /** The torch.onnx form; {@code batchDim} is the first entry of the grouping shape (0 copies x's batch). */
    private static Graph torchGroupNorm(long batchDim, boolean swapMul) {
        GraphFixture f = new GraphFixture(4, 17);
        f.initLongs("gshape", batchDim, 4, -1);
        f.init("s", new long[] {4}, 0.3, 1);
        f.init("b", new long[] {4}, 0.3, 0);
        f.init("gamma", new long[] {8, 1, 1}, 0.2, 1);
        f.init("beta", new long[] {8, 1, 1}, 0.4, 0);
        f.node("Relu", List.of("x"), "r");
        f.node("Reshape", List.of("r", "gshape"), "grouped");
        f.node("InstanceNormalization", List.of("grouped", "s", "b"), "normed", Attribute.ofFloat("epsilon", 1e-5f));
        f.node("Shape", List.of("r"), "rshape");
        f.node("Reshape", List.of("normed", "rshape"), "back");
        f.node("Mul", swapMul ? List.of("gamma", "back") : List.of("back", "gamma"), "scaled");
        f.node("Add", List.of("scaled", "beta"), "y");
        return f.graph("x", X, "y");
    }

    @Test
    void fusesTheTorchPattern() {
        Graph g = GraphFixture.assertSameResults(() -> torchGroupNorm(0, false), GraphFixture.randomInput(X, 5), 1e-5);
        assertEquals(List.of("Relu", "GroupNorm"), g.nodes().stream().map(Node::opType).toList());
        assertEquals(Node.IRBIS_DOMAIN, g.nodes().get(1).domain());
    }

    @Test
    void fusesWithOperandsSwapped() {
        Graph g = GraphFixture.assertSameResults(() -> torchGroupNorm(0, true), GraphFixture.randomInput(X, 6), 1e-5);
        assertEquals(1, GraphFixture.count(g, "GroupNorm"));
    }

    /** The GroupNormalization-21 op followed by Relu, as BiT's pre-activation writes it. */
    private static Graph groupNormalizationRelu() {
        GraphFixture f = new GraphFixture(9, 21);
        f.init("scale", new long[] {8}, 0.2, 1);
        f.init("bias", new long[] {8}, 0.3, 0);
        f.node("GroupNormalization", List.of("x", "scale", "bias"), "g", Attribute.ofInt("num_groups", 4));
        f.node("Relu", List.of("g"), "y");
        return f.graph("x", X, "y");
    }

    @Test
    void absorbsTheFollowingRelu() {
        Graph g = GraphFixture.assertSameResults(() -> {
            Graph base = torchGroupNorm(0, false);
            GraphFixture f = new GraphFixture(10, 17);
            List<Node> nodes = new java.util.ArrayList<>(base.nodes());
            nodes.add(new Node("relu", "Relu", "", 17, List.of("y"), List.of("z"), dev.irbis.engine.ir.Attributes.EMPTY));
            return new Graph("t", base.inputs(), List.of(new dev.irbis.engine.ir.ValueInfo("z", null, null)), nodes,
                    base.initializers(), base.opsets(), base.metadata());
        }, GraphFixture.randomInput(X, 8), 1e-5);
        assertEquals(List.of("Relu", "GroupNorm"), g.nodes().stream().map(Node::opType).toList());
        assertEquals("relu", g.nodes().get(1).attributes().getString("activation", ""));
    }

    @Test
    void turnsGroupNormalization21WithReluIntoOneNode() {
        Graph g = GraphFixture.assertSameResults(GroupNormRecognitionTest::groupNormalizationRelu, GraphFixture.randomInput(X, 9), 1e-5);
        assertEquals(List.of("GroupNorm"), g.nodes().stream().map(Node::opType).toList());
    }

    @Test
    void leavesAFixedBatchReshapeAlone() {
        // [2, 4, -1] groups the same only while the batch is 2: not rewritten.
        Graph g = GraphFixture.assertSameResults(() -> torchGroupNorm(2, false), GraphFixture.randomInput(X, 7), 1e-5);
        assertEquals(0, GraphFixture.count(g, "GroupNorm"));
        assertEquals(1, GraphFixture.count(g, "InstanceNormalization"));
    }
}
