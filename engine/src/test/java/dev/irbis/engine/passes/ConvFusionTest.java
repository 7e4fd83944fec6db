package dev.irbis.engine.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

class ConvFusionTest {
    private static final long[] X = {2, 6, 9, 9};

    /** A residual block: relu(conv(relu(x)) + relu(x)), plus a second conv whose bias is added as a separate Add. */
    private static Graph residualBlock() {
        GraphFixture f = new GraphFixture(11, 13);
        f.node("Relu", List.of("x"), "a");
        f.init("w1", new long[] {6, 6, 3, 3}, 0.2, 0);
        f.init("b1", new long[] {6}, 0.3, 0);
        f.node("Conv", List.of("a", "w1", "b1"), "c1", Attribute.ofInts("pads", 1, 1, 1, 1));
        f.node("Add", List.of("c1", "a"), "s");
        f.node("Relu", List.of("s"), "r");
        f.init("w2", new long[] {4, 6, 1, 1}, 0.2, 0);
        f.init("bias2", new long[] {1, 4, 1, 1}, 0.5, 0);
        f.node("Conv", List.of("r", "w2"), "c2");
        f.node("Add", List.of("bias2", "c2"), "y");
        return f.graph("x", X, "y");
    }

    /** An Add of a pooled [N,C,1,1] activation broadcasts: it must stay a separate node. */
    private static Graph broadcastAdd() {
        GraphFixture f = new GraphFixture(12, 13);
        f.init("w", new long[] {6, 6, 3, 3}, 0.2, 0);
        f.node("Conv", List.of("x", "w"), "c", Attribute.ofInts("pads", 1, 1, 1, 1));
        f.node("GlobalAveragePool", List.of("x"), "p");
        f.node("Add", List.of("c", "p"), "y");
        return f.graph("x", X, "y");
    }

    @Test
    void fusesResidualReluAndConstantBiasAdd() {
        Graph g = GraphFixture.assertSameResults(ConvFusionTest::residualBlock, GraphFixture.randomInput(X, 3), 1e-5);
        assertEquals(List.of("Relu", "FusedConv", "FusedConv"), g.nodes().stream().map(Node::opType).toList());
        Node first = g.nodes().get(1);
        assertEquals("relu", first.attributes().getString("activation", ""));
        assertEquals(4, first.inputs().size(), "the residual is the fourth input");
        Node second = g.nodes().get(2);
        assertEquals("none", second.attributes().getString("activation", ""));
        assertEquals(3, second.inputs().size(), "the constant Add became the bias");
    }

    @Test
    void leavesBroadcastAddAlone() {
        Graph g = GraphFixture.assertSameResults(ConvFusionTest::broadcastAdd, GraphFixture.randomInput(X, 4), 1e-5);
        assertEquals(1, GraphFixture.count(g, "Add"));
    }
}
