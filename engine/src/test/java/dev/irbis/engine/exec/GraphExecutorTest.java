package dev.irbis.engine.exec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.engine.InvalidInputException;
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

class GraphExecutorTest {
    private static Graph reluTwice() {
        return new Graph("g", List.of(new ValueInfo("x", DataType.FLOAT, List.of(Dim.named("n"), Dim.of(3)))),
                List.of(new ValueInfo("y", DataType.FLOAT, null)),
                List.of(new Node("a", "Relu", "", 13, List.of("x"), List.of("h"), Attributes.EMPTY),
                        new Node("b", "Neg", "", 13, List.of("h"), List.of("y"), Attributes.EMPTY)),
                Map.of(), Map.of("", 13), Map.of());
    }

    @Test
    void leavesTheCallersInputsOpenAndReusable() {
        try (Model m = new Model(reluTwice(), List.of(), Model.Options.defaults().withThreads(1));
             Tensor x = Tensor.allocate(DataType.FLOAT, 2, 3)) {
            for (int i = 0; i < 6; i++) {
                x.setFloat(i, i - 3);
            }
            float[] first = m.run(x).toFloatArray();
            float[] second = m.run(x).toFloatArray();
            assertArrayEquals(new float[] {-0f, -0f, -0f, -0f, -1, -2}, first);
            assertArrayEquals(first, second);
            assertEquals(-3f, x.getFloat(0), "the input is still readable");
        }
    }

    @Test
    void bindsNamedDimsAndRejectsWrongShapesWithTheInputName() {
        try (Model m = new Model(reluTwice(), List.of(), Model.Options.defaults().withThreads(1))) {
            assertEquals(4, m.run(Tensor.ofFloats(new long[] {4, 3}, new float[12])).dim(0));
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> m.run(Tensor.ofFloats(new long[] {2, 4}, new float[8])));
            assertTrue(e.getMessage().contains("input 'x' must have shape [n,3]"), e.getMessage());
        }
    }
}
