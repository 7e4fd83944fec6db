package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;

/**
 * ONNX ConstantOfShape (opsets 9, 20, 21): a tensor of the shape given by the input, every element
 * the one-element 'value' attribute (its type is the output type; default float 0).
 */
public final class ConstantOfShape implements Operator {
    private final DataType type;
    private final byte[] element;

    public ConstantOfShape(Node node) {
        Tensor v = node.attributes().getTensor("value");
        if (v == null) {
            type = DataType.FLOAT;
            element = new byte[4];
        } else {
            if (v.size() != 1) {
                throw new ModelFormatException("ConstantOfShape 'value' must hold exactly one element, got " + v);
            }
            type = v.dataType();
            element = ElementBytes.of(v, 0);
        }
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        if (in.length < 1 || in[0] == null) {
            throw new ShapeMismatchException("ConstantOfShape needs the 'input' shape");
        }
        if (in[0].dataType() != DataType.INT64) {
            throw new ShapeMismatchException("ConstantOfShape input must be int64, got " + in[0].dataType());
        }
        long[] shape = IntListInput.read(in[0], "input");
        for (long d : shape) {
            if (d < 0) {
                throw new ShapeMismatchException("ConstantOfShape shape " + Shape.format(shape) + " has a negative dimension");
            }
        }
        Tensor y = ctx.allocate(type, shape);
        if (!ElementBytes.isZero(element)) {
            AxisMappedCopy.fill(y.data(), 0, y.size(), type.byteSize(), element);
        }
        return new Tensor[] {y};
    }
}
