package dev.irbis.cli;

import dev.irbis.engine.api.Model;
import dev.irbis.engine.ir.Dim;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.LoadedGraph;
import dev.irbis.loader.OnnxLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code irbis info}: what a model file holds, and an estimate of what one run costs. */
@Command(
        name = "info",
        mixinStandardHelpOptions = true,
        description = {
            "Describes a model: IR version, producer, opsets, inputs and outputs with their types and dims,"
                    + " operator counts and parameter count.",
            "",
            "It then runs the model once on all-zero inputs to estimate the FLOPs of one run: 2 per"
                    + " multiply-add of Conv, ConvTranspose, Gemm and MatMul, from the actual shapes."
                    + " Other operators are not counted, so the figure is an estimate."
        },
        sortOptions = false,
        footer = {"", "Example:", "  irbis info --dim N=8 resnet50.onnx"})
final class InfoCommand implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The ONNX model file (.onnx).")
    private Path model;

    @Option(names = "--dim", paramLabel = "NAME=VALUE",
            description = "Binds a named (symbolic) input dimension for the FLOPs run, e.g. --dim batch=8."
                    + " Named dims not given are bound to 1. Repeat for several.")
    private Map<String, Long> dims = new LinkedHashMap<>();

    @Option(names = "--no-flops", description = "Skip the FLOPs estimate (no run; the model's operators need not be supported).")
    private boolean noFlops;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        List<ValueInfo> inputs;
        try (LoadedGraph loaded = OnnxLoader.read(model)) {
            describe(loaded, out);
            inputs = loaded.graph().inputs();
        }
        if (noFlops) {
            out.flush();
            return ExitCodes.OK;
        }
        checkDims(inputs);
        String unshaped = ZeroInputs.unshapedInput(inputs);
        if (unshaped != null) {
            out.println(row("flops", "not estimated: input '" + unshaped + "' declares no shape"));
            out.flush();
            return ExitCodes.OK;
        }
        try {
            long flops = estimateFlops(inputs);
            out.println(row("flops", "~" + Quantity.format(flops) + "FLOPs per run (" + String.format("%,d", flops)
                    + "; an estimate: Conv, ConvTranspose, Gemm and MatMul multiply-adds only" + boundDims(inputs) + ")"));
        } catch (RuntimeException e) {
            out.println(row("flops", "not available: the model does not run (error below)"));
            throw e;
        } finally {
            out.flush();
        }
        return ExitCodes.OK;
    }

    private void describe(LoadedGraph loaded, PrintWriter out) {
        Graph g = loaded.graph();
        out.println(row("model", String.valueOf(loaded.file())));
        out.println(row("ir version", Long.toString(loaded.irVersion())));
        out.println(row("producer", loaded.producer().isBlank() ? "(not recorded)" : loaded.producer()));
        StringBuilder opsets = new StringBuilder();
        g.opsets().forEach((d, v) -> opsets.append(opsets.isEmpty() ? "" : ", ").append(d.isEmpty() ? "ai.onnx" : d).append(' ').append(v));
        out.println(row("opsets", opsets.toString()));
        if (!g.name().isEmpty()) {
            out.println(row("graph", g.name()));
        }
        g.metadata().forEach((k, v) -> out.println(row("metadata", k + " = " + v)));
        out.println();
        values(out, "inputs", g.inputs());
        values(out, "outputs", g.outputs());
        out.println();
        out.println("operators (" + g.nodes().size() + " nodes)");
        Map<String, Integer> counts = g.operatorCounts();
        int width = counts.keySet().stream().mapToInt(String::length).max().orElse(0);
        counts.forEach((op, n) -> out.println("  " + pad(op, width) + "  " + n));
        out.println();
        long params = 0;
        for (Tensor t : g.initializers().values()) {
            if (t.dataType().isFloatingPoint()) {
                params += t.size();
            }
        }
        out.println(row("parameters", String.format("%,d", params) + " (" + Quantity.format(params).strip()
                + "; elements of floating-point initializers)"));
    }

    private static void values(PrintWriter out, String heading, List<ValueInfo> values) {
        out.println(heading);
        int width = values.stream().mapToInt(v -> v.name().length()).max().orElse(0);
        for (ValueInfo v : values) {
            out.println("  " + pad(v.name(), width) + "  " + (v.type() == null ? "?" : v.type()) + " " + v.shapeString());
        }
    }

    private void checkDims(List<ValueInfo> inputs) {
        Set<String> named = namedDims(inputs);
        for (Map.Entry<String, Long> e : dims.entrySet()) {
            if (!named.contains(e.getKey())) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--dim " + e.getKey() + ": no input has a dimension named '"
                        + e.getKey() + "'" + (named.isEmpty() ? " (all input dims are fixed)" : "; named dims are " + named));
            }
            if (e.getValue() < 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--dim " + e.getKey() + " must be at least 1, got " + e.getValue());
            }
        }
    }

    private static Set<String> namedDims(List<ValueInfo> inputs) {
        Set<String> named = new TreeSet<>();
        for (ValueInfo v : inputs) {
            for (Dim d : v.dims() == null ? List.<Dim>of() : v.dims()) {
                if (d.param() != null) {
                    named.add(d.param());
                }
            }
        }
        return named;
    }

    private String boundDims(List<ValueInfo> inputs) {
        StringBuilder b = new StringBuilder();
        for (String name : namedDims(inputs)) {
            b.append(b.isEmpty() ? "; with " : ", ").append(name).append('=').append(dims.getOrDefault(name, 1L));
        }
        return b.toString();
    }

    private long estimateFlops(List<ValueInfo> inputs) {
        // Unoptimised: the count is of the model as written, whatever the passes fold, fuse or remove.
        try (Model m = OnnxLoader.load(model, Model.Options.defaults().withOptimise(false))) {
            FlopCounter counter = new FlopCounter();
            m.run(ZeroInputs.create(inputs, dims), counter);
            return counter.flops();
        }
    }

    private static String row(String key, String value) {
        return pad(key, 11) + " " + value;
    }

    private static String pad(String s, int width) {
        return s.length() >= width ? s : s + " ".repeat(width - s.length());
    }
}
