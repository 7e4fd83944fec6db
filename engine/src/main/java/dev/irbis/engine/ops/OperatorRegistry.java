package dev.irbis.engine.ops;

import dev.irbis.engine.IrbisException;
import dev.irbis.engine.UnsupportedOperatorException;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.math.MathOperators;
import dev.irbis.engine.ops.nn.NnOperators;
import dev.irbis.engine.ops.tensor.TensorOperators;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Maps (domain, op type, opset version) to operator factories. Each family of operators registers
 * itself ({@link NnOperators}, {@link MathOperators}, {@link TensorOperators}); a factory receives the
 * node with its opset version and handles the differences between versions itself.
 */
public final class OperatorRegistry {
    /**
     * Opset versions of the default domain Irbis implements. Opsets 23 to 25 changed only the type
     * lists of the operators Irbis has (float4, float8e8m0, 2- and 4-bit integers), whose semantics
     * are otherwise those of opset 22; an unsupported element type is refused where it appears.
     */
    public static final int MIN_OPSET = 7;
    public static final int MAX_OPSET = 25;

    private static final OperatorRegistry DEFAULT = createDefault();

    private record Entry(int sinceVersion, OperatorFactory factory) {
    }

    private final Map<String, Entry> entries = new HashMap<>();

    private static OperatorRegistry createDefault() {
        OperatorRegistry r = new OperatorRegistry();
        NnOperators.registerAll(r);
        MathOperators.registerAll(r);
        TensorOperators.registerAll(r);
        return r;
    }

    public static OperatorRegistry defaultRegistry() {
        return DEFAULT;
    }

    private static String key(String domain, String opType) {
        return domain + "::" + opType;
    }

    /** Registers an operator of the default ONNX domain, available from {@code sinceVersion}. */
    public void register(String opType, int sinceVersion, OperatorFactory factory) {
        entries.put(key(Node.DEFAULT_DOMAIN, opType), new Entry(sinceVersion, factory));
    }

    /** Registers an operator of another domain (Irbis's fused forms); no version check. */
    public void registerInDomain(String domain, String opType, OperatorFactory factory) {
        entries.put(key(domain, opType), new Entry(0, factory));
    }

    public boolean supports(String domain, String opType, int opset) {
        String d = domain == null ? "" : domain;
        Entry e = entries.get(key(d, opType));
        return e != null && opset >= e.sinceVersion && (!d.isEmpty() || opset >= MIN_OPSET && opset <= MAX_OPSET);
    }

    /** Operator types of the default domain, sorted. */
    public Set<String> supportedOperators() {
        Set<String> s = new TreeSet<>();
        for (String k : entries.keySet()) {
            if (k.startsWith("::")) {
                s.add(k.substring(2));
            }
        }
        return s;
    }

    /** Compiles one node; errors name the node. */
    public Operator create(Node node) {
        Entry e = entries.get(key(node.domain(), node.opType()));
        String domainName = node.domain().isEmpty() ? "ai.onnx" : node.domain();
        if (e == null) {
            throw new UnsupportedOperatorException("unsupported operator " + node.opType() + " (domain " + domainName
                    + ", opset " + node.opset() + ")").addContext(node.describe());
        }
        if (node.domain().isEmpty() && (node.opset() < MIN_OPSET || node.opset() > MAX_OPSET)) {
            throw new UnsupportedOperatorException("opset " + node.opset() + " of domain ai.onnx is outside the supported range "
                    + MIN_OPSET + " to " + MAX_OPSET).addContext(node.describe());
        }
        if (node.opset() < e.sinceVersion) {
            throw new UnsupportedOperatorException(node.opType() + " does not exist in opset " + node.opset()
                    + " (it was introduced in opset " + e.sinceVersion + ")").addContext(node.describe());
        }
        try {
            return e.factory.create(node);
        } catch (IrbisException ex) {
            throw ex.addContext(node.describe());
        }
    }
}
