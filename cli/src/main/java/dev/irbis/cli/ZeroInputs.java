package dev.irbis.cli;

import dev.irbis.engine.ir.Dim;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * All-zero tensors shaped like a model's declared inputs, for a measuring run. Named dims take the value
 * the user bound, else 1; unnamed unknown dims take 1; an input of unknown type is taken as FLOAT.
 */
final class ZeroInputs {
    private ZeroInputs() {
    }

    /** The first input whose rank is not declared (no zero tensor can be shaped for it), or null. */
    static String unshapedInput(List<ValueInfo> inputs) {
        return inputs.stream().filter(v -> v.dims() == null).map(ValueInfo::name).findFirst().orElse(null);
    }

    static Map<String, Tensor> create(List<ValueInfo> inputs, Map<String, Long> namedDims) {
        Map<String, Tensor> zeros = new LinkedHashMap<>();
        for (ValueInfo v : inputs) {
            long[] shape = new long[v.dims().size()];
            for (int i = 0; i < shape.length; i++) {
                Dim d = v.dims().get(i);
                shape[i] = d.isFixed() ? d.value() : d.param() != null ? namedDims.getOrDefault(d.param(), 1L) : 1;
            }
            zeros.put(v.name(), Tensor.allocateCollected(v.type() == null ? DataType.FLOAT : v.type(), shape));
        }
        return zeros;
    }
}
