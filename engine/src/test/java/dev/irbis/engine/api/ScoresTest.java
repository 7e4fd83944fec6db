package dev.irbis.engine.api;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.tensor.DataType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ScoresTest {
    private static Graph chain(String... ops) {
        List<Node> nodes = new java.util.ArrayList<>();
        String prev = "x";
        for (int i = 0; i < ops.length; i++) {
            String out = "v" + i;
            nodes.add(new Node("n" + i, ops[i], "", 13, List.of(prev), List.of(out), Attributes.EMPTY));
            prev = out;
        }
        return new Graph("g", List.of(new ValueInfo("x", DataType.FLOAT, null)), List.of(new ValueInfo(prev, DataType.FLOAT, null)),
                nodes, Map.of(), Map.of("", 13), Map.of());
    }

    @Test
    void softmaxOutputsAreProbabilitiesEvenThroughReshapes() {
        assertEquals(ScoreKind.PROBABILITIES, ScoreKindDetector.detect(chain("Relu", "Softmax"), "v1"));
        assertEquals(ScoreKind.PROBABILITIES, ScoreKindDetector.detect(chain("Softmax", "Flatten", "Identity"), "v2"));
        assertEquals(ScoreKind.LOGITS, ScoreKindDetector.detect(chain("Softmax", "Relu"), "v1"));
        assertEquals(ScoreKind.LOGITS, ScoreKindDetector.detect(chain("LogSoftmax"), "v0"));
    }

    @Test
    void softmaxIsStableForLargeLogits() {
        // exp(1000) overflows; after subtracting the max: e^0 / (e^0 + e^-1) = 0.7310586
        float[] p = Softmax.of(new float[] {9, 1000f, 999f}, 1, 2);
        assertEquals(0.7310586f, p[0], 1e-6f);
        assertEquals(0.2689414f, p[1], 1e-6f);
    }
}
