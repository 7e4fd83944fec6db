package dev.irbis.engine.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import java.util.List;
import org.junit.jupiter.api.Test;

class IdentityRemovalTest {
    private static final long[] X = {1, 4};

    private static Graph chain(boolean identityIsOutput) {
        GraphFixture f = new GraphFixture(5, 13);
        f.node("Identity", List.of("x"), "i1");
        f.node("Dropout", List.of("i1"), "d");
        f.node("Relu", List.of("d"), identityIsOutput ? "r" : "y");
        if (identityIsOutput) {
            f.node("Identity", List.of("r"), "y");
        }
        return f.graph("x", X, "y");
    }

    @Test
    void removesIdentityAndInferenceDropout() {
        Graph g = GraphFixture.assertSameResults(() -> chain(false), GraphFixture.randomInput(X, 1), 0);
        assertEquals(List.of("Relu"), g.nodes().stream().map(Node::opType).toList());
        assertEquals("x", g.nodes().get(0).input(0));
    }

    @Test
    void keepsAnIdentityThatNamesAGraphOutput() {
        Graph g = GraphFixture.assertSameResults(() -> chain(true), GraphFixture.randomInput(X, 2), 0);
        assertEquals(List.of("Relu", "Identity"), g.nodes().stream().map(Node::opType).toList());
    }
}
