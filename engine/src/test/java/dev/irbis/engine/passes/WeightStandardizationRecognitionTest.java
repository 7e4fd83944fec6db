package dev.irbis.engine.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.OperatorRegistry;
import java.util.List;
import org.junit.jupiter.api.Test;

class WeightStandardizationRecognitionTest {
    private static final long[] X = {1, 3, 9, 9};

    /** StdConv2d as torch's dynamo exporter writes it; {@code axes} are the reduction axes of the statistics. */
    private static Graph dynamoStdConv(long... axes) {
        GraphFixture f = new GraphFixture(21, 18);
        f.init("w", new long[] {4, 3, 3, 3}, 0.5, 0.2);
        f.initLongs("flat", 1, 4, -1);
        f.initLongs("back", 4, 3, 3, 3);
        f.initLongs("axes", axes);
        f.init("ones", new long[] {4}, 0, 1);
        f.init("zeros", new long[] {4}, 0, 0);
        f.node("Reshape", List.of("w", "flat"), "v");
        f.node("ReduceMean", List.of("v", "axes"), "mean", Attribute.ofInt("keepdims", 0));
        f.node("ReduceMean", List.of("v", "axes"), "mean_k");
        f.node("Sub", List.of("v", "mean_k"), "d");
        f.node("Mul", List.of("d", "d"), "d2");
        f.node("ReduceMean", List.of("d2", "axes"), "var", Attribute.ofInt("keepdims", 0));
        f.node("BatchNormalization", List.of("v", "ones", "zeros", "mean", "var"), "vs", Attribute.ofFloat("epsilon", 1e-8f));
        f.node("Reshape", List.of("vs", "back"), "ws");
        f.node("Conv", List.of("x", "ws"), "y", Attribute.ofInts("pads", 1, 1, 1, 1));
        return f.graph("x", X, "y");
    }

    @Test
    void replacesTheStatisticsChainsAndKeepsTheResult() {
        Graph recognised = new WeightStandardizationRecognition().apply(dynamoStdConv(0, 2), OperatorRegistry.defaultRegistry());
        assertEquals(1, GraphFixture.count(recognised, "BatchStatNormalization"));
        assertEquals(0, GraphFixture.count(recognised, "BatchNormalization"));
        Graph g = GraphFixture.assertSameResults(() -> dynamoStdConv(0, 2), GraphFixture.randomInput(X, 3), 1e-5);
        assertEquals(List.of("Conv"), g.nodes().stream().map(Node::opType).toList());
    }

    @Test
    void leavesStatisticsOverOtherAxesAlone() {
        // Statistics over axis 2 only are not the channel statistics: no rewrite.
        Graph recognised = new WeightStandardizationRecognition().apply(dynamoStdConv(2), OperatorRegistry.defaultRegistry());
        assertEquals(0, GraphFixture.count(recognised, "BatchStatNormalization"));
        GraphFixture.assertSameResults(() -> dynamoStdConv(2), GraphFixture.randomInput(X, 4), 1e-5);
    }
}
