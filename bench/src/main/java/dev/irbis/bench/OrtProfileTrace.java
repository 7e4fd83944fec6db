package dev.irbis.bench;

import dev.irbis.engine.exec.NodeProfile;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * ONNX Runtime's profiler trace (the JSON file of {@code SessionOptions.enableProfiling}) as per-kind rows in the
 * form of Irbis's {@link NodeProfile}, so the two engines' node times line up: convolutions by kernel size,
 * stride and groups ({@link NodeProfile#convKind}), other nodes by ONNX Runtime's operator name (its own fused
 * and layout operators, ReorderInput say, show as they are). The trace has no attributes, so a convolution's
 * stride is read off its shapes (input height over output height, rounded to the nearest) and its groups from
 * the input channels over the weight's; a Gemm's K is its first input's last dimension (no transA). FLOPs are
 * otherwise a direct computation's, as Irbis counts them. At ALL_OPT the NCHWc layout pass pads channel counts
 * to its vector block (8 floats with AVX2, 16 with AVX-512), and the shapes in the trace are the padded ones, so
 * such a node's FLOPs count the padding (ResNet-50's and BiT's channel counts are multiples of 16).
 * <p>ONNX Runtime writes one event per line; node events are named {@code <node>_kernel_time}, once per run.
 */
final class OrtProfileTrace {
    private static final Pattern NAME = Pattern.compile("\"name\" ?: ?\"([^\"]*)_kernel_time\"");
    private static final Pattern DUR = Pattern.compile("\"dur\" ?: ?(\\d+)");
    private static final Pattern OP = Pattern.compile("\"op_name\" ?: ?\"([^\"]*)\"");
    /** A list of typed shapes, {@code [{"float":[1,3,224,224]},{"float":[64]}]}, wherever it sits among the args. */
    private static final String SHAPES = " ?: ?\\[((?:\\{\"\\w+\" ?: ?\\[[\\d,]*\\]\\},?)*)\\]";
    private static final Pattern INPUTS = Pattern.compile("\"input_type_shape\"" + SHAPES);
    private static final Pattern OUTPUTS = Pattern.compile("\"output_type_shape\"" + SHAPES);
    private static final Pattern SHAPE = Pattern.compile("\\{\"\\w+\" ?: ?\\[([\\d,]*)\\]\\}");

    private record Node(String kind, long flops, List<Long> micros) {
    }

    private OrtProfileTrace() {
    }

    /** The kinds of the trace's runs after the first {@code skipRuns}, slowest first. */
    static List<NodeProfile.Row> rows(Path trace, int skipRuns) throws IOException {
        return rows(Files.readAllLines(trace), skipRuns);
    }

    static List<NodeProfile.Row> rows(List<String> lines, int skipRuns) {
        Map<String, Node> nodes = new LinkedHashMap<>();
        for (String line : lines) {
            if (!line.contains("\"Node\"")) {
                continue;
            }
            Matcher name = NAME.matcher(line);
            Matcher dur = DUR.matcher(line);
            Matcher op = OP.matcher(line);
            if (!name.find() || !dur.find() || !op.find()) {
                continue;
            }
            Node n = nodes.computeIfAbsent(name.group(1), k -> {
                List<long[]> in = shapes(INPUTS, line);
                List<long[]> out = shapes(OUTPUTS, line);
                return new Node(kind(op.group(1), in, out), 2 * multiplyAdds(op.group(1), in, out), new ArrayList<>());
            });
            n.micros().add(Long.parseLong(dur.group(1)));
        }
        int runs = nodes.values().stream().mapToInt(n -> n.micros().size()).min().orElse(0);
        Map<String, long[]> perRun = new LinkedHashMap<>();
        Map<String, int[]> count = new LinkedHashMap<>();
        Map<String, Long> flops = new LinkedHashMap<>();
        for (Node n : nodes.values()) {
            long[] sums = perRun.computeIfAbsent(n.kind(), k -> new long[Math.max(0, runs - skipRuns)]);
            for (int r = skipRuns; r < runs; r++) {
                sums[r - skipRuns] += n.micros().get(r);
            }
            count.computeIfAbsent(n.kind(), k -> new int[1])[0]++;
            flops.merge(n.kind(), n.flops(), Long::sum);
        }
        List<NodeProfile.Row> rows = new ArrayList<>();
        perRun.forEach((kind, sums) -> {
            long[] v = sums.clone();
            Arrays.sort(v);
            double medianMillis = v.length == 0 ? 0 : v[(v.length - 1) / 2] / 1e3;
            rows.add(new NodeProfile.Row(kind, count.get(kind)[0], medianMillis, flops.get(kind) / 1e9));
        });
        rows.sort(Comparator.comparingDouble(NodeProfile.Row::millis).reversed());
        return rows;
    }

    private static List<long[]> shapes(Pattern list, String line) {
        List<long[]> out = new ArrayList<>();
        Matcher m = list.matcher(line);
        if (!m.find()) {
            return out;
        }
        Matcher s = SHAPE.matcher(m.group(1));
        while (s.find()) {
            String dims = s.group(1);
            out.add(dims.isEmpty() ? new long[0] : Arrays.stream(dims.split(",")).mapToLong(Long::parseLong).toArray());
        }
        return out;
    }

    private static boolean isConv(String op, List<long[]> in, List<long[]> out) {
        return (op.equals("Conv") || op.equals("FusedConv")) && in.size() >= 2 && in.get(0).length >= 3
                && in.get(1).length == in.get(0).length && !out.isEmpty() && out.get(0).length == in.get(0).length;
    }

    static String kind(String op, List<long[]> in, List<long[]> out) {
        if (!isConv(op, in, out)) {
            return op;
        }
        long[] x = in.get(0);
        long[] w = in.get(1);
        long[] y = out.get(0);
        long stride = y[2] > 0 ? Math.max(1, Math.round((double) x[2] / y[2])) : 1;
        long group = w[1] > 0 && x[1] % w[1] == 0 ? x[1] / w[1] : 1;
        return NodeProfile.convKind(Arrays.copyOfRange(w, 2, w.length), stride, group);
    }

    static long multiplyAdds(String op, List<long[]> in, List<long[]> out) {
        if (isConv(op, in, out)) {
            long[] w = in.get(1);
            return w[0] == 0 ? 0 : size(out.get(0)) * (size(w) / w[0]);
        }
        if ((op.equals("Gemm") || op.equals("MatMul") || op.equals("FusedMatMul")) && !in.isEmpty() && in.get(0).length > 0
                && !out.isEmpty()) {
            long[] a = in.get(0);
            return size(out.get(0)) * a[a.length - 1];
        }
        return 0;
    }

    private static long size(long[] shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
