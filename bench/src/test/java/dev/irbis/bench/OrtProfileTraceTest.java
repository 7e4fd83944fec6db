package dev.irbis.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import ai.onnxruntime.OrtSession.SessionOptions.OptLevel;
import dev.irbis.engine.exec.NodeProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OrtProfileTraceTest {
    /** A node event as ONNX Runtime 1.23 writes it (one per line; thread statistics cut short). */
    private static String event(String node, long micros, String op, String inputs, String output) {
        return "{\"cat\" : \"Node\",\"pid\" :1,\"tid\" :2,\"dur\" :" + micros + ",\"ts\" :10,\"ph\" : \"X\",\"name\" :\"" + node
                + "_kernel_time\",\"args\" : {\"thread_scheduling_stats\" : {\"main_thread\": {\"block_size\": [1], \"core\": 1}},"
                + "\"output_type_shape\" : [{\"float\":[" + output + "]}],\"output_size\" : \"4\",\"parameter_size\" : \"0\","
                + "\"activation_size\" : \"4\",\"node_index\" : \"3\",\"input_type_shape\" : [" + inputs + "],"
                + "\"provider\" : \"CPUExecutionProvider\",\"op_name\" : \"" + op + "\"}},";
    }

    @Test
    void groupsNodeEventsIntoIrbisKindsAndSkipsWarmUpRuns() {
        List<String> lines = new ArrayList<>();
        lines.add("[");
        lines.add("{\"cat\" : \"Session\",\"pid\" :1,\"tid\" :2,\"dur\" :500,\"ts\" :5,\"ph\" : \"X\",\"name\" :\"model_run\",\"args\" : {}},");
        long[][] micros = {{9000, 9000, 900}, {2000, 1000, 100}, {3000, 2000, 300}, {1000, 2000, 200}};
        for (long[] run : micros) {
            lines.add(event("stem", run[0], "Conv", "{\"float\":[1,3,224,224]},{\"float\":[64,3,7,7]},{\"float\":[64]}", "1,64,112,112"));
            lines.add(event("c1", run[1], "FusedConv", "{\"float\":[1,64,56,56]},{\"float\":[64,2,3,3]}", "1,64,56,56"));
            // Another order of the args (ONNX Runtime keeps them in a hash map): the shapes last.
            lines.add("{\"cat\" : \"Node\",\"dur\" :" + run[2] + ",\"name\" :\"pool_kernel_time\",\"args\" : {\"op_name\" : \"MaxPool\","
                    + "\"output_type_shape\" : [{\"float\":[1,64,56,56]}],\"input_type_shape\" : [{\"float\":[1,64,112,112]}]}},");
            lines.add(event("c2", run[1], "Conv", "{\"float\":[1,8,15,15]},{\"float\":[8,8,3,3]}", "1,8,8,8")
                    .replace("\"input_type_shape\"", "\"x\" : 1,\"input_type_shape\""));
        }
        lines.add("]");
        List<NodeProfile.Row> rows = OrtProfileTrace.rows(lines, 1);
        assertEquals(List.of("Conv 7x7 s2", "Conv 3x3 s1/g32", "Conv 3x3 s2", "MaxPool"), rows.stream().map(NodeProfile.Row::kind).toList());
        // 15 -> 8 is stride 2 ("same" padding on an odd size), read off the shapes.
        assertEquals(2.0 * 8 * 64 * 72 / 1e9, rows.get(2).gflop(), 1e-12);
        // Runs 2-4 (the first is warm-up): 2, 3, 1 ms -> median 2 ms.
        assertEquals(2.0, rows.get(0).millis(), 1e-9);
        assertEquals(2.0 * 64 * 112 * 112 * 147 / 1e9, rows.get(0).gflop(), 1e-12);
        assertEquals(2.0 * 64 * 56 * 56 * 18 / 1e9, rows.get(1).gflop(), 1e-12);
        assertEquals(0.2, rows.get(3).millis(), 1e-9);
        assertEquals(0, rows.get(3).gflop());
    }

    @Test
    void readsTheTraceOfARealOnnxRuntimeRun(@TempDir Path dir) throws IOException {
        // Pins the trace format of the ONNX Runtime version in use: mnist-8 has two 5x5 convolutions. Not at
        // ALL_OPT: there the NCHWc layout pass pads the first one's 8 output channels to the machine's vector
        // block (16 with AVX-512), and the trace's shapes, so the FLOPs read off them, count the padding.
        Path model = Path.of(System.getProperty("irbis.shared.dir", "../../shared"), "models", "mnist-8", "model.onnx");
        assertTrue(Files.exists(model), "shared file " + model.toAbsolutePath() + " is missing");
        Path trace;
        try (OrtInference ort = new OrtInference(model, new float[28 * 28], new long[] {1, 1, 28, 28}, 1,
                OptLevel.EXTENDED_OPT, dir.resolve("ort"))) {
            for (int i = 0; i < 3; i++) {
                ort.run();
            }
            trace = ort.endProfiling();
        }
        List<NodeProfile.Row> rows = OrtProfileTrace.rows(trace, 1);
        NodeProfile.Row conv = rows.stream().filter(r -> r.kind().equals("Conv 5x5 s1")).findFirst().orElse(null);
        assertTrue(conv != null, () -> "no 'Conv 5x5 s1' kind in " + rows);
        assertEquals(2, conv.nodes());
        assertEquals(2 * 784_000e-9, conv.gflop(), 1e-12);
        assertTrue(conv.millis() > 0, rows::toString);
    }

    @Test
    void tableLinesUpBothEnginesKindsAndTotals() {
        List<NodeProfile.Row> irbis = List.of(new NodeProfile.Row("Conv 1x1 s1", 30, 30.0, 3.0), new NodeProfile.Row("MaxPool", 1, 0.5, 0));
        List<NodeProfile.Row> ort = List.of(new NodeProfile.Row("Conv 1x1 s1", 30, 20.0, 3.0), new NodeProfile.Row("ReorderOutput", 1, 0.01, 0));
        String md = OpProfileComparison.markdown(irbis, ort);
        assertTrue(md.contains("| Conv 1x1 s1 | 30 / 30 | 30.0 | 100.0 | 20.0 | 150.0 | 1.50 |"), md);
        assertTrue(md.contains("| MaxPool | 1 / - | 0.50 | - | - | - | - |"), md);
        assertTrue(md.contains("| ReorderOutput | - / 1 | - | - | 0.01 | - | - |"), md);
        assertTrue(md.contains("| **all nodes** | | 30.5 | | 20.0 | | 1.52 |"), md);
    }
}
