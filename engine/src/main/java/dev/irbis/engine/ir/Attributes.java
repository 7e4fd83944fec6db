package dev.irbis.engine.ir;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.tensor.Tensor;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A node's attributes with typed getters whose errors name the attribute. */
public final class Attributes {
    public static final Attributes EMPTY = new Attributes(Map.of());

    private final Map<String, Attribute> byName;

    public Attributes(Map<String, Attribute> byName) {
        this.byName = Collections.unmodifiableMap(new LinkedHashMap<>(byName));
    }

    public static Attributes of(Attribute... attrs) {
        Map<String, Attribute> m = new LinkedHashMap<>();
        for (Attribute a : attrs) {
            m.put(a.name(), a);
        }
        return new Attributes(m);
    }

    public boolean has(String name) {
        return byName.containsKey(name);
    }

    public Map<String, Attribute> asMap() {
        return byName;
    }

    public Attributes with(Attribute a) {
        Map<String, Attribute> m = new LinkedHashMap<>(byName);
        m.put(a.name(), a);
        return new Attributes(m);
    }

    private Object get(String name, Attribute.Kind kind) {
        Attribute a = byName.get(name);
        if (a == null) {
            return null;
        }
        if (a.kind() != kind) {
            throw new ModelFormatException("attribute '" + name + "' must be " + kind + " but is " + a.kind());
        }
        return a.value();
    }

    public long getLong(String name, long dflt) {
        Object v = get(name, Attribute.Kind.INT);
        return v == null ? dflt : (Long) v;
    }

    /** An INT attribute that must fit an int. */
    public int getInt(String name, int dflt) {
        long v = getLong(name, dflt);
        if (v != (int) v) {
            throw new ModelFormatException("attribute '" + name + "' = " + v + " is out of range");
        }
        return (int) v;
    }

    public long requireLong(String name) {
        Object v = get(name, Attribute.Kind.INT);
        if (v == null) {
            throw new ModelFormatException("required attribute '" + name + "' is missing");
        }
        return (Long) v;
    }

    public float getFloat(String name, float dflt) {
        Object v = get(name, Attribute.Kind.FLOAT);
        return v == null ? dflt : (Float) v;
    }

    public String getString(String name, String dflt) {
        Object v = get(name, Attribute.Kind.STRING);
        return v == null ? dflt : (String) v;
    }

    /** INTS attribute, or {@code dflt} (may be null) when absent. */
    public long[] getLongs(String name, long[] dflt) {
        Object v = get(name, Attribute.Kind.INTS);
        return v == null ? dflt : ((long[]) v).clone();
    }

    public float[] getFloats(String name, float[] dflt) {
        Object v = get(name, Attribute.Kind.FLOATS);
        return v == null ? dflt : ((float[]) v).clone();
    }

    @SuppressWarnings("unchecked")
    public List<String> getStrings(String name, List<String> dflt) {
        Object v = get(name, Attribute.Kind.STRINGS);
        return v == null ? dflt : (List<String>) v;
    }

    public Tensor getTensor(String name) {
        return (Tensor) get(name, Attribute.Kind.TENSOR);
    }

    @Override
    public String toString() {
        return byName.values().toString();
    }
}
