package dev.irbis.loader.conformance;

import dev.irbis.engine.IrbisException;
import dev.irbis.engine.UnsupportedOperatorException;
import dev.irbis.engine.api.Model;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.LoadedGraph;
import dev.irbis.loader.OnnxLoader;
import dev.irbis.loader.io.TensorFiles;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Runs one conformance case in Irbis, with and without the optimisation passes, and compares every
 * output with the expected tensor: same element type, same shape, and
 * {@code |actual - expected| <= atol + rtol * |expected|} (NaN matches NaN; integers exactly).
 */
final class ConformanceRunner {
    enum Status { PASSED, FAILED, SKIPPED }

    record Result(ConformanceCase c, String operators, Status status, String detail) {
    }

    record Tolerance(double rtol, double atol, String reason) {
    }

    static final Tolerance DEFAULT = new Tolerance(1e-3, 1e-7, "ONNX's own runner");

    private final OperatorRegistry registry = OperatorRegistry.defaultRegistry();
    private final Map<String, Tolerance> overrides;
    private final Map<String, String> expectedUnsupported;

    /**
     * @param overrides           case name -> looser tolerance, with the reason it is needed
     * @param expectedUnsupported case name -> why Irbis rejects it on purpose (anything else unsupported fails)
     */
    ConformanceRunner(Map<String, Tolerance> overrides, Map<String, String> expectedUnsupported) {
        this.overrides = overrides;
        this.expectedUnsupported = expectedUnsupported;
    }

    Result run(ConformanceCase c) {
        String ops = "?";
        LoadedGraph probe;
        try {
            probe = OnnxLoader.read(c.model());
        } catch (UnsupportedOperatorException e) {
            return new Result(c, ops, Status.SKIPPED, "model uses a type Irbis does not have: " + e.detail());
        } catch (IrbisException e) {
            return new Result(c, ops, Status.FAILED, "load failed: " + e.getMessage());
        }
        try (probe) {
            Graph g = probe.graph();
            ops = operators(g);
            for (Node n : g.nodes()) {
                if (n.domain().isEmpty() && (n.opset() > OperatorRegistry.MAX_OPSET || n.opset() < OperatorRegistry.MIN_OPSET)) {
                    return new Result(c, ops, Status.SKIPPED, "opset " + n.opset() + " is outside the supported range "
                            + OperatorRegistry.MIN_OPSET + " to " + OperatorRegistry.MAX_OPSET);
                }
                if (!registry.supports(n.domain(), n.opType(), n.opset())) {
                    return new Result(c, ops, Status.SKIPPED, "operator " + n.opType() + " (opset " + n.opset() + ") is not supported");
                }
            }
        }
        try {
            List<Path> sets = c.dataSets();
            if (sets.isEmpty()) {
                return new Result(c, ops, Status.FAILED, "no test_data_set folder");
            }
            for (Path set : sets) {
                String bad = runDataSet(c, set, true);
                if (bad == null) {
                    bad = runDataSet(c, set, false);
                }
                if (bad != null) {
                    if (bad.startsWith("SKIP:")) {
                        return new Result(c, ops, Status.SKIPPED, bad.substring(5));
                    }
                    return new Result(c, ops, Status.FAILED, set.getFileName() + ": " + bad);
                }
            }
            return new Result(c, ops, Status.PASSED, "");
        } catch (UnsupportedOperatorException e) {
            String why = expectedUnsupported.get(c.name());
            if (why != null) {
                return new Result(c, ops, Status.SKIPPED, "rejected on purpose: " + why + " (" + e.detail() + ")");
            }
            return new Result(c, ops, Status.FAILED, "unsupported: " + e.getMessage());
        } catch (Exception e) {
            return new Result(c, ops, Status.FAILED, e.toString());
        }
    }

    private String runDataSet(ConformanceCase c, Path set, boolean optimise) throws Exception {
        List<Path> inFiles = ConformanceCase.numbered(set, "input");
        List<Path> outFiles = ConformanceCase.numbered(set, "output");
        List<Tensor> inputs = new ArrayList<>();
        List<Tensor> expected = new ArrayList<>();
        try {
            for (Path p : inFiles) {
                inputs.add(TensorFiles.readTensorProto(p));
            }
            for (Path p : outFiles) {
                expected.add(TensorFiles.readTensorProto(p));
            }
        } catch (UnsupportedOperatorException e) {
            return "SKIP:data uses a type Irbis does not have: " + e.detail();
        } catch (IrbisException e) {
            return "SKIP:data file is not a plain tensor (sequence or optional): " + e.detail();
        }
        // Optimised runs use two threads and OpenBLAS, unoptimised ones one thread and the pure-Java
        // GEMM, so the parallel and serial paths of every kernel and both GEMMs meet the expected outputs.
        Model.Options options = Model.Options.defaults().withThreads(optimise ? 2 : 1).withOptimise(optimise);
        if (!optimise) {
            options = options.withPureJavaGemm();
        }
        try (Model m = OnnxLoader.load(c.model(), options)) {
            List<ValueInfo> declared = m.inputs();
            if (declared.size() < inputs.size()) {
                return "the case has " + inputs.size() + " inputs but the model declares " + declared.size();
            }
            Map<String, Tensor> feed = new LinkedHashMap<>();
            for (int i = 0; i < inputs.size(); i++) {
                feed.put(declared.get(i).name(), inputs.get(i));
            }
            Tolerance tol = overrides.getOrDefault(c.name(), DEFAULT);
            // The second run reuses the first run's recycled buffers: an operator that wrongly relies on
            // zero-filled memory shows up there.
            for (int run = 1; run <= 2; run++) {
                List<Tensor> actual = new ArrayList<>(m.run(feed).values());
                if (actual.size() < expected.size()) {
                    return "produced " + actual.size() + " outputs, expected " + expected.size();
                }
                for (int i = 0; i < expected.size(); i++) {
                    String diff = compare(actual.get(i), expected.get(i), tol);
                    if (diff != null) {
                        return (optimise ? "" : "(unoptimised) ") + (run == 2 ? "(second run) " : "") + "output " + i
                                + " ('" + m.outputs().get(i).name() + "'): " + diff;
                    }
                }
            }
            return null;
        }
    }

    static String compare(Tensor a, Tensor e, Tolerance tol) {
        if (a.dataType() != e.dataType()) {
            return "type " + a.dataType() + ", expected " + e.dataType();
        }
        if (!java.util.Arrays.equals(a.shape(), e.shape())) {
            return "shape " + Shape.format(a.shape()) + ", expected " + Shape.format(e.shape());
        }
        boolean exact = !e.dataType().isFloatingPoint();
        double worst = 0;
        long worstAt = -1;
        for (long i = 0; i < e.size(); i++) {
            if (exact) {
                if (a.getLong(i) != e.getLong(i)) {
                    return "element " + i + " is " + a.getLong(i) + ", expected " + e.getLong(i);
                }
                continue;
            }
            double x = a.getDouble(i);
            double y = e.getDouble(i);
            if (Double.isNaN(y) || Double.isNaN(x)) {
                if (Double.isNaN(x) != Double.isNaN(y)) {
                    return "element " + i + " is " + x + ", expected " + y;
                }
                continue;
            }
            if (Double.isInfinite(y) || Double.isInfinite(x)) {
                if (x != y) {
                    return "element " + i + " is " + x + ", expected " + y;
                }
                continue;
            }
            double d = Math.abs(x - y);
            if (d > tol.atol() + tol.rtol() * Math.abs(y) && d > worst) {
                worst = d;
                worstAt = i;
            }
        }
        if (worstAt >= 0) {
            return "element " + worstAt + " is " + a.getDouble(worstAt) + ", expected " + e.getDouble(worstAt)
                    + " (diff " + worst + " beyond rtol " + tol.rtol() + ", atol " + tol.atol() + ")";
        }
        return null;
    }

    private static String operators(Graph g) {
        TreeSet<String> s = new TreeSet<>();
        for (Node n : g.nodes()) {
            s.add(n.opType());
        }
        return String.join("+", s);
    }
}
