package dev.irbis.engine.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Graph;
import java.util.List;
import org.junit.jupiter.api.Test;

class BatchNormFoldingTest {
    private static final long[] X = {2, 5, 7, 7};

    private static Graph convBn(boolean convBias, boolean secondReader) {
        GraphFixture f = new GraphFixture(3, 13);
        f.init("w", new long[] {6, 5, 3, 3}, 0.3, 0);
        List<String> convIn = convBias ? List.of("x", "w", f.init("b", new long[] {6}, 0.5, 0)) : List.of("x", "w");
        f.node("Conv", convIn, "c", Attribute.ofInts("strides", 2, 2), Attribute.ofInts("pads", 1, 1, 1, 1));
        f.init("s", new long[] {6}, 0.2, 1);
        f.init("sh", new long[] {6}, 0.5, 0);
        f.init("m", new long[] {6}, 0.5, 0);
        f.init("v", new long[] {6}, 0.1, 1.5);
        f.node("BatchNormalization", List.of("c", "s", "sh", "m", "v"), "bn", Attribute.ofFloat("epsilon", 1e-3f));
        if (secondReader) {
            f.node("Add", List.of("bn", "c"), "y");
        } else {
            f.node("Relu", List.of("bn"), "y");
        }
        return f.graph("x", X, "y");
    }

    @Test
    void foldsIntoConvWithoutBias() {
        Graph g = GraphFixture.assertSameResults(() -> convBn(false, false), GraphFixture.randomInput(X, 1), 1e-5);
        assertEquals(0, GraphFixture.count(g, "BatchNormalization"));
        assertEquals(3, g.nodes().get(0).inputs().size(), "the folded Conv gets a bias");
    }

    @Test
    void foldsIntoConvWithBias() {
        Graph g = GraphFixture.assertSameResults(() -> convBn(true, false), GraphFixture.randomInput(X, 2), 1e-5);
        assertEquals(0, GraphFixture.count(g, "BatchNormalization"));
    }

    @Test
    void keepsBatchNormWhenConvOutputHasAnotherReader() {
        Graph g = GraphFixture.assertSameResults(() -> convBn(false, true), GraphFixture.randomInput(X, 3), 1e-5);
        assertEquals(1, GraphFixture.count(g, "BatchNormalization"));
    }
}
