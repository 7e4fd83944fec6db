package dev.irbis.engine.ir;

import dev.irbis.engine.tensor.Tensor;
import java.util.Arrays;
import java.util.List;

/** One node attribute: its name, kind and value (long[] for INTS, float[] for FLOATS, ...). */
public record Attribute(String name, Kind kind, Object value) {
    public enum Kind { FLOAT, INT, STRING, TENSOR, FLOATS, INTS, STRINGS, TENSORS, GRAPH, OTHER }

    public static Attribute ofInt(String name, long v) {
        return new Attribute(name, Kind.INT, v);
    }

    public static Attribute ofInts(String name, long... v) {
        return new Attribute(name, Kind.INTS, v.clone());
    }

    public static Attribute ofFloat(String name, float v) {
        return new Attribute(name, Kind.FLOAT, v);
    }

    public static Attribute ofFloats(String name, float... v) {
        return new Attribute(name, Kind.FLOATS, v.clone());
    }

    public static Attribute ofString(String name, String v) {
        return new Attribute(name, Kind.STRING, v);
    }

    public static Attribute ofStrings(String name, List<String> v) {
        return new Attribute(name, Kind.STRINGS, List.copyOf(v));
    }

    public static Attribute ofTensor(String name, Tensor v) {
        return new Attribute(name, Kind.TENSOR, v);
    }

    @Override
    public String toString() {
        Object v = value;
        if (v instanceof long[] a) {
            v = Arrays.toString(a);
        } else if (v instanceof float[] a) {
            v = Arrays.toString(a);
        }
        return name + "=" + v;
    }
}
