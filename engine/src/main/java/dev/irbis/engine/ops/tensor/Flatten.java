package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.Tensor;

/**
 * ONNX Flatten (opsets 1, 9, 11, 13, 21): to 2-D, (product of dims before axis, product of the rest).
 * The axis may be in [0, rank]; negative axes are accepted from opset 11.
 */
public final class Flatten implements Operator {
    private final long axis;

    public Flatten(Node node) {
        axis = node.attributes().getLong("axis", 1);
        if (axis < 0 && node.opset() < 11) {
            throw new ModelFormatException("Flatten axis " + axis + " is negative, which opset " + node.opset()
                    + " does not allow (negative axes arrived in opset 11)");
        }
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        int rank = x.rank();
        long a = axis < 0 ? axis + rank : axis;
        if (a < 0 || a > rank) {
            throw new ShapeMismatchException("Flatten axis " + axis + " is out of range for an input of rank " + rank
                    + " (expected " + (-rank) + " to " + rank + ")");
        }
        long outer = 1;
        for (int i = 0; i < a; i++) {
            outer *= x.dim(i);
        }
        long inner = 1;
        for (int i = (int) a; i < rank; i++) {
            inner *= x.dim(i);
        }
        return new Tensor[] {x.reshaped(outer, inner)};
    }
}
