package dev.irbis.loader;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.proto.Onnx.AttributeProto;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/** AttributeProto to {@link Attribute}. Tensor attributes (Constant's value) go through the TensorDecoder. */
final class AttributeDecoder {
    private final TensorDecoder tensors;

    AttributeDecoder(TensorDecoder tensors) {
        this.tensors = tensors;
    }

    Attribute decode(AttributeProto a, List<Tensor> created) {
        String name = a.getName();
        if (!a.getRefAttrName().isEmpty()) {
            throw new ModelFormatException("attribute '" + name + "' refers to a function attribute ('"
                    + a.getRefAttrName() + "'), which only makes sense inside a function body");
        }
        AttributeProto.AttributeType type = a.hasType() ? a.getType() : inferType(a);
        return switch (type) {
            case FLOAT -> Attribute.ofFloat(name, a.getF());
            case INT -> Attribute.ofInt(name, a.getI());
            case STRING -> Attribute.ofString(name, a.getS().toString(StandardCharsets.UTF_8));
            case FLOATS -> {
                float[] v = new float[a.getFloatsCount()];
                for (int i = 0; i < v.length; i++) {
                    v[i] = a.getFloats(i);
                }
                yield Attribute.ofFloats(name, v);
            }
            case INTS -> Attribute.ofInts(name, a.getIntsList().stream().mapToLong(Long::longValue).toArray());
            case STRINGS -> Attribute.ofStrings(name, a.getStringsList().stream().map(b -> b.toString(StandardCharsets.UTF_8)).toList());
            case TENSOR -> {
                Tensor t = tensors.decode(a.getT(), "attribute " + name);
                created.add(t);
                yield Attribute.ofTensor(name, t);
            }
            case TENSORS -> {
                List<Tensor> ts = new ArrayList<>();
                for (var tp : a.getTensorsList()) {
                    Tensor t = tensors.decode(tp, "attribute " + name);
                    created.add(t);
                    ts.add(t);
                }
                yield new Attribute(name, Attribute.Kind.TENSORS, List.copyOf(ts));
            }
            case GRAPH, GRAPHS -> new Attribute(name, Attribute.Kind.GRAPH, null);
            default -> new Attribute(name, Attribute.Kind.OTHER, type.name());
        };
    }

    /** IR version 1 files may omit the type; guess it from which field is set. */
    private static AttributeProto.AttributeType inferType(AttributeProto a) {
        if (a.hasF()) {
            return AttributeProto.AttributeType.FLOAT;
        } else if (a.hasI()) {
            return AttributeProto.AttributeType.INT;
        } else if (a.hasS()) {
            return AttributeProto.AttributeType.STRING;
        } else if (a.hasT()) {
            return AttributeProto.AttributeType.TENSOR;
        } else if (a.getFloatsCount() > 0) {
            return AttributeProto.AttributeType.FLOATS;
        } else if (a.getIntsCount() > 0) {
            return AttributeProto.AttributeType.INTS;
        } else if (a.getStringsCount() > 0) {
            return AttributeProto.AttributeType.STRINGS;
        }
        throw new ModelFormatException("attribute '" + a.getName() + "' has no type and no value");
    }
}
