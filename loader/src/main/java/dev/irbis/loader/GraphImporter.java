package dev.irbis.loader;

import dev.irbis.engine.IrbisException;
import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.UnsupportedOperatorException;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Dim;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.proto.Onnx.AttributeProto;
import dev.irbis.loader.proto.Onnx.GraphProto;
import dev.irbis.loader.proto.Onnx.ModelProto;
import dev.irbis.loader.proto.Onnx.NodeProto;
import dev.irbis.loader.proto.Onnx.TensorProto;
import dev.irbis.loader.proto.Onnx.TensorShapeProto;
import dev.irbis.loader.proto.Onnx.TypeProto;
import dev.irbis.loader.proto.Onnx.ValueInfoProto;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** ModelProto to the engine's {@link Graph}: opsets, IR version, value types, nodes, initializers. */
final class GraphImporter {
    static final int MIN_IR_VERSION = 3;
    static final int MAX_IR_VERSION = 13;

    private final TensorDecoder tensors;
    private final AttributeDecoder attributes;

    GraphImporter(TensorDecoder tensors) {
        this.tensors = tensors;
        this.attributes = new AttributeDecoder(tensors);
    }

    /**
     * Imports the main graph. Every tensor it decodes is added to {@code created} as soon as it exists,
     * so the caller can free them all if a later step fails.
     */
    Graph importModel(ModelProto m, List<Tensor> created) {
        return importModel(m, created, LoadProgress.NONE);
    }

    /** As {@link #importModel(ModelProto, List)}, reporting each initializer decoded to {@code progress}. */
    Graph importModel(ModelProto m, List<Tensor> created, LoadProgress progress) {
        if (!m.hasGraph()) {
            throw new ModelFormatException("not an ONNX model: it has no graph (is this really an .onnx file?)");
        }
        long ir = m.getIrVersion();
        if (ir < MIN_IR_VERSION || ir > MAX_IR_VERSION) {
            throw new UnsupportedOperatorException("IR version " + ir + " is not supported (Irbis reads IR versions "
                    + MIN_IR_VERSION + " to " + MAX_IR_VERSION + ")");
        }
        Map<String, Integer> opsets = new LinkedHashMap<>();
        for (var o : m.getOpsetImportList()) {
            String domain = o.getDomain().equals("ai.onnx") ? "" : o.getDomain();
            if (o.getVersion() < 1 || o.getVersion() > Integer.MAX_VALUE) {
                throw new ModelFormatException("opset import of domain '" + o.getDomain() + "' has invalid version " + o.getVersion());
            }
            opsets.put(domain, (int) o.getVersion());
        }
        if (!opsets.containsKey("")) {
            throw new ModelFormatException("the model imports no opset of the default ONNX domain");
        }
        Set<String> localFunctions = new HashSet<>();
        for (var f : m.getFunctionsList()) {
            localFunctions.add(f.getDomain() + "::" + f.getName());
        }
        Map<String, String> metadata = new LinkedHashMap<>();
        for (var e : m.getMetadataPropsList()) {
            metadata.put(e.getKey(), e.getValue());
        }
        GraphProto g = m.getGraph();
        if (g.getSparseInitializerCount() > 0) {
            throw new UnsupportedOperatorException("sparse initializers are not supported (tensor '"
                    + g.getSparseInitializer(0).getValues().getName() + "')");
        }
        Map<String, Tensor> inits = new LinkedHashMap<>();
        boolean reporting = progress != LoadProgress.NONE;
        int tensorsTotal = g.getInitializerCount();
        long bytesTotal = reporting ? declaredBytes(g.getInitializerList()) : 0;
        long bytesDone = 0;
        for (TensorProto tp : g.getInitializerList()) {
            if (!tp.hasName() || tp.getName().isEmpty()) {
                throw new ModelFormatException("an initializer has no name");
            }
            if (inits.containsKey(tp.getName())) {
                throw new ModelFormatException("initializer '" + tp.getName() + "' is defined more than once");
            }
            Tensor t = tensors.decode(tp, "initializer");
            created.add(t);
            inits.put(tp.getName(), t);
            if (reporting) {
                bytesDone += t.size() * t.dataType().byteSize();
                progress.weightsRead(inits.size(), tensorsTotal, bytesDone, bytesTotal);
            }
        }
        List<ValueInfo> inputs = new ArrayList<>();
        for (ValueInfoProto v : g.getInputList()) {
            inputs.add(valueInfo(v, "input", inits.containsKey(v.getName())));
        }
        List<ValueInfo> outputs = new ArrayList<>();
        for (ValueInfoProto v : g.getOutputList()) {
            outputs.add(valueInfo(v, "output", false));
        }
        if (outputs.isEmpty()) {
            throw new ModelFormatException("the graph has no outputs");
        }
        List<Node> nodes = new ArrayList<>(g.getNodeCount());
        for (int i = 0; i < g.getNodeCount(); i++) {
            nodes.add(node(g.getNode(i), i, opsets, localFunctions, created));
        }
        return new Graph(g.getName(), inputs, outputs, nodes, inits, opsets, metadata);
    }

    private Node node(NodeProto n, int index, Map<String, Integer> opsets, Set<String> localFunctions, List<Tensor> created) {
        String domain = n.getDomain().equals("ai.onnx") ? "" : n.getDomain();
        String label = n.getName().isEmpty() ? "#" + index : n.getName();
        Node shell = new Node(n.getName(), n.getOpType(), domain, 0, n.getInputList(), n.getOutputList(), Attributes.EMPTY);
        String where = n.getName().isEmpty() ? shell.describe().replace("node ", "node " + label + " ") : shell.describe();
        try {
            if (n.getOpType().isEmpty()) {
                throw new ModelFormatException("has no op_type");
            }
            if (localFunctions.contains(n.getDomain() + "::" + n.getOpType())) {
                throw new UnsupportedOperatorException("calls the model-local function " + n.getOpType() + " (domain '"
                        + n.getDomain() + "'); Irbis does not expand local functions");
            }
            Integer opset = opsets.get(domain);
            if (opset == null) {
                throw new UnsupportedOperatorException("unsupported operator " + n.getOpType() + " (domain " + domain
                        + ", which the model does not import)");
            }
            Map<String, Attribute> attrs = new LinkedHashMap<>();
            for (AttributeProto a : n.getAttributeList()) {
                if (attrs.containsKey(a.getName())) {
                    throw new ModelFormatException("has attribute '" + a.getName() + "' twice");
                }
                attrs.put(a.getName(), attributes.decode(a, created));
            }
            return new Node(n.getName(), n.getOpType(), domain, opset, n.getInputList(), n.getOutputList(), new Attributes(attrs));
        } catch (IrbisException e) {
            throw e.addContext(where);
        }
    }

    private static ValueInfo valueInfo(ValueInfoProto v, String what, boolean hasInitializer) {
        if (v.getName().isEmpty()) {
            throw new ModelFormatException("a graph " + what + " has no name");
        }
        if (!v.hasType() || hasInitializer && !v.getType().hasTensorType()) {
            return new ValueInfo(v.getName(), null, null);
        }
        TypeProto t = v.getType();
        if (!t.hasTensorType()) {
            throw new UnsupportedOperatorException("graph " + what + " '" + v.getName() + "' is not a tensor ("
                    + t.getValueCase() + "); Irbis handles tensors only");
        }
        int code = t.getTensorType().getElemType();
        DataType type = DataType.fromOnnx(code);
        if (type == null && code != 0) {
            throw new UnsupportedOperatorException("graph " + what + " '" + v.getName() + "' has element type "
                    + DataType.onnxName(code) + ", which Irbis does not support");
        }
        List<Dim> dims = null;
        if (t.getTensorType().hasShape()) {
            dims = new ArrayList<>();
            for (TensorShapeProto.Dimension d : t.getTensorType().getShape().getDimList()) {
                if (d.hasDimValue()) {
                    if (d.getDimValue() < 0) {
                        throw new ModelFormatException("graph " + what + " '" + v.getName() + "' has a negative dimension " + d.getDimValue());
                    }
                    dims.add(Dim.of(d.getDimValue()));
                } else if (d.hasDimParam() && !d.getDimParam().isEmpty()) {
                    dims.add(Dim.named(d.getDimParam()));
                } else {
                    dims.add(Dim.UNKNOWN);
                }
            }
        }
        return new ValueInfo(v.getName(), type, dims);
    }

    /** The bytes the initializers' dims declare, for progress only (unknown types and overflow count as 0). */
    private static long declaredBytes(List<TensorProto> initializers) {
        long total = 0;
        for (TensorProto tp : initializers) {
            DataType type = DataType.fromOnnx(tp.getDataType());
            long n = type == null ? 0 : type.byteSize();
            for (int i = 0; i < tp.getDimsCount() && n > 0; i++) {
                long d = tp.getDims(i);
                n = d < 0 || (d > 0 && n > Long.MAX_VALUE / d) ? 0 : n * d;
            }
            total += n;
        }
        return total;
    }
}
