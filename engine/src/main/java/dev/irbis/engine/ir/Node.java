package dev.irbis.engine.ir;

import java.util.List;

/**
 * One operator application. Input names may be empty strings for omitted optional inputs, as in
 * ONNX. {@code opset} is the version of the node's domain the model imports.
 */
public record Node(String name, String opType, String domain, int opset, List<String> inputs, List<String> outputs,
                   Attributes attributes) {
    public static final String DEFAULT_DOMAIN = "";
    /** Domain of the operators Irbis's own passes create (fused forms). */
    public static final String IRBIS_DOMAIN = "dev.irbis";

    public Node {
        inputs = List.copyOf(inputs);
        outputs = List.copyOf(outputs);
        name = name == null ? "" : name;
        domain = domain == null || domain.equals("ai.onnx") ? DEFAULT_DOMAIN : domain;
    }

    /** The name and type as used in error messages: {@code node 'conv1' (Conv)}. */
    public String describe() {
        String who = name.isEmpty() ? "producing '" + (outputs.isEmpty() ? "?" : outputs.get(0)) + "'" : "'" + name + "'";
        String type = domain.isEmpty() ? opType : domain + "." + opType;
        return "node " + who + " (" + type + ")";
    }

    /** Input {@code i}, or null when absent or empty (an omitted optional input). */
    public String input(int i) {
        return i < inputs.size() && !inputs.get(i).isEmpty() ? inputs.get(i) : null;
    }

    public Node withInputs(List<String> newInputs) {
        return new Node(name, opType, domain, opset, newInputs, outputs, attributes);
    }

    public Node withOutputs(List<String> newOutputs) {
        return new Node(name, opType, domain, opset, inputs, newOutputs, attributes);
    }
}
