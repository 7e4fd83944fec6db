package dev.irbis.engine.exec;

import dev.irbis.engine.InvalidInputException;
import dev.irbis.engine.ir.Dim;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Checks a run's inputs against the declared graph inputs and binds named dims consistently. */
final class InputBinder {
    private final List<ValueInfo> declared;

    InputBinder(List<ValueInfo> declared) {
        this.declared = declared;
    }

    Map<String, Long> check(Map<String, Tensor> inputs) {
        for (String name : inputs.keySet()) {
            if (declared.stream().noneMatch(v -> v.name().equals(name))) {
                throw new InvalidInputException("the model has no input named '" + name + "'; its inputs are " + names());
            }
        }
        Map<String, Long> bound = new HashMap<>();
        Map<String, String> boundBy = new HashMap<>();
        for (ValueInfo v : declared) {
            Tensor t = inputs.get(v.name());
            if (t == null) {
                throw new InvalidInputException("input '" + v.name() + "' " + v.type() + v.shapeString() + " is missing");
            }
            if (v.type() != null && t.dataType() != v.type()) {
                throw new InvalidInputException("input '" + v.name() + "' must be " + v.type() + " but is " + t.dataType());
            }
            if (v.dims() == null) {
                continue;
            }
            long[] shape = t.shape();
            if (shape.length != v.dims().size()) {
                throw new InvalidInputException("input '" + v.name() + "' must have shape " + v.shapeString() + " (rank "
                        + v.dims().size() + ") but has shape " + Shape.format(shape));
            }
            for (int i = 0; i < shape.length; i++) {
                Dim d = v.dims().get(i);
                if (d.isFixed() && d.value() != shape[i]) {
                    throw new InvalidInputException("input '" + v.name() + "' must have shape " + v.shapeString()
                            + " but has shape " + Shape.format(shape) + " (dimension " + i + " differs)");
                }
                if (!d.isFixed() && d.param() != null) {
                    Long prev = bound.putIfAbsent(d.param(), shape[i]);
                    if (prev != null && prev != shape[i]) {
                        throw new InvalidInputException("dimension '" + d.param() + "' is " + prev + " in input '"
                                + boundBy.get(d.param()) + "' but " + shape[i] + " in input '" + v.name() + "'");
                    }
                    boundBy.putIfAbsent(d.param(), v.name());
                }
            }
        }
        return bound;
    }

    private String names() {
        return declared.stream().map(ValueInfo::name).toList().toString();
    }
}
