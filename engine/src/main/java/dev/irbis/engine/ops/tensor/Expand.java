package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;

/**
 * ONNX Expand (opsets 8, 13): broadcasts the input to the numpy broadcast of its shape and the
 * 'shape' input (so a 1 in 'shape' keeps the input's dim; the output may be larger than 'shape').
 */
public final class Expand implements Operator {
    public Expand(Node node) {
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        if (in.length < 2 || in[1] == null) {
            throw new ShapeMismatchException("Expand needs the 'shape' input");
        }
        long[] target = IntListInput.read(in[1], "shape");
        for (long d : target) {
            if (d < 0) {
                throw new ShapeMismatchException("Expand shape " + Shape.format(target) + " has a negative dimension");
            }
        }
        long[] out;
        try {
            out = Shape.broadcast(x.shape(), target);
        } catch (ShapeMismatchException e) {
            throw new ShapeMismatchException("Expand cannot broadcast the input " + Shape.format(x.shape()) + " to the shape "
                    + Shape.format(target));
        }
        Tensor y = ctx.allocate(x.dataType(), out);
        long[] strides = Shape.broadcastStrides(x.shape(), out);
        long[][] offsets = new long[out.length][];
        for (int k = 0; k < out.length; k++) {
            offsets[k] = AxisMappedCopy.strided(out[k], 0, 1, strides[k]);
        }
        AxisMappedCopy.copy(x.data(), y.data(), x.dataType().byteSize(), out, offsets, null);
        return new Tensor[] {y};
    }
}
