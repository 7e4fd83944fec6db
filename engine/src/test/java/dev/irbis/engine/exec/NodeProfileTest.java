package dev.irbis.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

class NodeProfileTest {
    private static Node conv(String name, String domain, String op, Attribute... attrs) {
        return new Node(name, op, domain, 1, List.of("x", "w"), List.of("y"), Attributes.of(attrs));
    }

    @Test
    void groupsConvolutionsByKernelStrideAndGroupsAndTakesTheMedianRun() {
        Tensor x = Tensor.allocate(DataType.FLOAT, 1, 8, 8, 8);
        Tensor w3 = Tensor.allocate(DataType.FLOAT, 4, 8, 3, 3);
        Tensor w1 = Tensor.allocate(DataType.FLOAT, 4, 2, 1, 1);
        Tensor y = Tensor.allocate(DataType.FLOAT, 1, 4, 8, 8);
        Tensor y2 = Tensor.allocate(DataType.FLOAT, 1, 4, 4, 4);
        Node a = conv("a", "", "Conv");
        Node b = conv("b", Node.IRBIS_DOMAIN, "FusedConv", Attribute.ofInts("strides", 1, 1));
        Node c = conv("c", "", "Conv", Attribute.ofInts("strides", 2, 2), Attribute.ofInt("group", 4));
        Node relu = new Node("r", "Relu", "", 14, List.of("y"), List.of("z"), Attributes.EMPTY);
        NodeProfile p = new NodeProfile();
        long[][] nanos = {{5, 1, 3}, {7, 1, 1}, {3, 1, 4}};
        for (int run = 0; run < 3; run++) {
            p.afterNode(a, new Tensor[] {x, w3}, new Tensor[] {y}, nanos[run][0] * 1_000_000);
            p.afterNode(b, new Tensor[] {x, w3}, new Tensor[] {y}, nanos[run][1] * 1_000_000);
            p.afterNode(c, new Tensor[] {x, w1}, new Tensor[] {y2}, nanos[run][2] * 1_000_000);
            p.afterNode(relu, new Tensor[] {y}, new Tensor[] {y}, 500_000);
            p.endRun();
        }
        List<NodeProfile.Row> rows = p.rows();
        assertEquals(List.of("Conv 3x3 s1", "Conv 1x1 s2/g4", "Relu"), rows.stream().map(NodeProfile.Row::kind).toList());
        NodeProfile.Row c3 = rows.get(0);
        assertEquals(2, c3.nodes(), "Conv and FusedConv of one shape are one kind");
        // Per-run sums 6, 8, 4 ms: the median run is 6 ms; two convs of 256 outputs x 72 multiply-adds.
        assertEquals(6.0, c3.millis(), 1e-9);
        assertEquals(2 * 2 * 256 * 72 / 1e9, c3.gflop(), 1e-15);
        assertEquals(c3.gflop() / 6e-3, c3.gflopsPerSecond(), 1e-9);
        assertEquals(3.0, rows.get(1).millis(), 1e-9);
        assertEquals(2 * 64 * 2 / 1e9, rows.get(1).gflop(), 1e-15);
        assertEquals(0, rows.get(2).gflop());
        assertEquals(0, rows.get(2).gflopsPerSecond());
        assertEquals(3, p.runs());
        for (Tensor t : List.of(x, w3, w1, y, y2)) {
            t.close();
        }
    }

    @Test
    void formatsConvolutionKinds() {
        assertEquals("Conv 7x7 s2", NodeProfile.convKind(new long[] {7, 7}, 2, 1));
        assertEquals("Conv 3 s1/g32", NodeProfile.convKind(new long[] {3}, 1, 32));
    }
}
