package dev.irbis.engine.exec;

import dev.irbis.engine.ir.Node;
import dev.irbis.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Where a model's time goes: the wall time of every node over several runs, grouped into kinds
 * (convolutions by kernel size, stride and groups, as {@link #convKind}; other nodes by operator). Each kind
 * gets its median time per run, and its FLOPs from {@link MultiplyAdds}, so that FLOPs over time is an
 * effective rate. Pass it to {@code Model.run(inputs, observer)} for one run at a time (the executor
 * reports nodes in order, on the calling thread), and call {@link #endRun} after each run.
 */
public final class NodeProfile implements NodeObserver {
    /** One kind's summary: nodes and GFLOP in one run, median milliseconds per run. */
    public record Row(String kind, int nodes, double millis, double gflop) {
        /** Effective GFLOP/s; 0 for kinds without multiply-adds. */
        public double gflopsPerSecond() {
            return millis > 0 ? gflop / millis * 1e3 : 0;
        }
    }

    private static final class Kind {
        final List<Long> nanosPerRun = new ArrayList<>();
        long current;
        int nodes;
        long flops;
    }

    private final Map<String, Kind> kinds = new LinkedHashMap<>();
    private int runs;

    @Override
    public void afterNode(Node node, Tensor[] inputs, Tensor[] outputs, long nanos) {
        Kind k = kinds.computeIfAbsent(kindOf(node, inputs), x -> new Kind());
        k.current += nanos;
        if (runs == 0) {
            k.nodes++;
            k.flops += 2 * MultiplyAdds.of(node, inputs, outputs);
        }
    }

    /** Closes a run: its per-kind totals join the others'. */
    public void endRun() {
        for (Kind k : kinds.values()) {
            // A kind first seen in a later run (a data-dependent graph) counts zero for the runs before it.
            while (k.nanosPerRun.size() < runs) {
                k.nanosPerRun.add(0L);
            }
            k.nanosPerRun.add(k.current);
            k.current = 0;
        }
        runs++;
    }

    /** Runs closed so far. */
    public int runs() {
        return runs;
    }

    /** The kinds, slowest first. */
    public List<Row> rows() {
        List<Row> rows = new ArrayList<>();
        kinds.forEach((name, k) -> {
            long[] v = k.nanosPerRun.stream().mapToLong(Long::longValue).toArray();
            rows.add(new Row(name, k.nodes, median(v) / 1e6, k.flops / 1e9));
        });
        rows.sort(Comparator.comparingDouble(Row::millis).reversed());
        return rows;
    }

    /** The lower median (an element of the data, like {@code irbis bench}'s nearest-rank percentiles); 0 when empty. */
    static double median(long[] values) {
        if (values.length == 0) {
            return 0;
        }
        long[] v = values.clone();
        Arrays.sort(v);
        return v[(v.length - 1) / 2];
    }

    /** The kind of a node: {@link #convKind} for Conv and FusedConv, else the operator's name. */
    static String kindOf(Node node, Tensor[] inputs) {
        boolean conv = node.domain().isEmpty() && node.opType().equals("Conv")
                || node.domain().equals(Node.IRBIS_DOMAIN) && node.opType().equals("FusedConv");
        if (!conv || inputs.length < 2 || inputs[1] == null || inputs[1].rank() < 3) {
            return node.opType();
        }
        long[] w = inputs[1].shape();
        long[] strides = node.attributes().getLongs("strides", null);
        return convKind(Arrays.copyOfRange(w, 2, w.length), strides == null || strides.length == 0 ? 1 : strides[0],
                node.attributes().getLong("group", 1));
    }

    /** "Conv 3x3 s1": the kernel's spatial dims, the first spatial axis's stride, and "/g32" when grouped. */
    public static String convKind(long[] kernel, long stride, long group) {
        StringBuilder b = new StringBuilder("Conv ");
        for (int i = 0; i < kernel.length; i++) {
            b.append(i > 0 ? "x" : "").append(kernel[i]);
        }
        b.append(" s").append(stride);
        if (group != 1) {
            b.append("/g").append(group);
        }
        return b.toString();
    }
}
