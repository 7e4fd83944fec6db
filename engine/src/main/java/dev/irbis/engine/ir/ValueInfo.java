package dev.irbis.engine.ir;

import dev.irbis.engine.tensor.DataType;
import java.util.List;
import java.util.stream.Collectors;

/** A declared graph input or output: name, element type and dims ({@code dims} null when the rank is unknown). */
public record ValueInfo(String name, DataType type, List<Dim> dims) {
    public ValueInfo {
        dims = dims == null ? null : List.copyOf(dims);
    }

    public String shapeString() {
        return dims == null ? "[?]" : dims.stream().map(Dim::toString).collect(Collectors.joining(",", "[", "]"));
    }

    @Override
    public String toString() {
        return name + ": " + (type == null ? "?" : type) + shapeString();
    }
}
