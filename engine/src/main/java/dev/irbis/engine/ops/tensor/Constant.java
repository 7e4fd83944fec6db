package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.UnsupportedOperatorException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.List;

/**
 * ONNX Constant (opsets 1, 9, 11, 12, 13, 19, 21): outputs the one value attribute it has: 'value'
 * (a tensor) or, from opset 12, 'value_float', 'value_floats', 'value_int', 'value_ints'. String and
 * sparse values have no Irbis type.
 */
public final class Constant implements Operator {
    private static final List<String> VALUE_ATTRS = List.of("value", "value_float", "value_floats", "value_int",
            "value_ints", "value_string", "value_strings", "sparse_value");

    private final Tensor value;

    public Constant(Node node) {
        Attributes a = node.attributes();
        List<String> given = VALUE_ATTRS.stream().filter(a::has).toList();
        if (given.size() != 1) {
            throw new ModelFormatException("Constant needs exactly one of " + VALUE_ATTRS + ", got "
                    + (given.isEmpty() ? "none" : given));
        }
        String name = given.get(0);
        if (!name.equals("value") && node.opset() < 12 && !name.equals("sparse_value")) {
            throw new ModelFormatException("Constant attribute '" + name + "' needs opset 12, the model imports opset " + node.opset());
        }
        value = switch (name) {
            case "value" -> {
                Tensor t = a.getTensor("value");
                if (t == null) {
                    throw new ModelFormatException("Constant 'value' attribute holds no tensor");
                }
                yield t.copyCollected();
            }
            case "value_float" -> Tensor.scalarFloat(a.getFloat(name, 0f));
            case "value_floats" -> {
                float[] v = a.getFloats(name, new float[0]);
                yield Tensor.ofFloats(new long[] {v.length}, v);
            }
            case "value_int" -> Tensor.scalarLong(a.getLong(name, 0));
            case "value_ints" -> {
                long[] v = a.getLongs(name, new long[0]);
                yield Tensor.ofLongs(new long[] {v.length}, v);
            }
            default -> throw new UnsupportedOperatorException("Constant '" + name + "' is not supported: Irbis has no "
                    + (name.startsWith("sparse") ? "sparse tensors" : "string tensors"));
        };
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor y = ctx.allocate(value.dataType(), value.shape());
        MemorySegment.copy(value.data(), 0, y.data(), 0, value.data().byteSize());
        return new Tensor[] {y};
    }

    DataType dataType() {
        return value.dataType();
    }
}
