package dev.irbis.engine.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.engine.api.Model;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Dim;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A run frees what it allocated, never the caller's input: the same input tensor can be run again. */
class GraphExecutorInputOwnershipTest {
    @Test
    void callerOwnedInputSurvivesRunsAndCanBeReused() {
        Graph g = new Graph("relu", List.of(new ValueInfo("x", DataType.FLOAT, List.of(Dim.of(4)))),
                List.of(new ValueInfo("y", DataType.FLOAT, null)),
                List.of(new Node("relu", "Relu", "", 14, List.of("x"), List.of("y"), Attributes.EMPTY)),
                Map.of(), Map.of("", 14), Map.of());
        try (Model m = new Model(g, List.of(), Model.Options.defaults().withThreads(1));
             Tensor x = Tensor.allocate(DataType.FLOAT, 4)) {
            for (int i = 0; i < 4; i++) {
                x.setFloat(i, i - 1.5f);
            }
            float[] first = m.run(x).toFloatArray();
            float[] second = m.run(x).toFloatArray();
            assertArrayEquals(new float[] {0, 0, 0.5f, 1.5f}, first);
            assertArrayEquals(first, second);
            assertEquals(-1.5f, x.getFloat(0));
        }
    }
}
