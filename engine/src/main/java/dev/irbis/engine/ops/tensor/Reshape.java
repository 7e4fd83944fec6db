package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;

/**
 * ONNX Reshape (opsets 5, 13, 14, 19, 21): the target shape is an input; 0 copies the input's dim at
 * that position, or, from opset 14 with allowzero=1, means a real zero; a single -1 is inferred.
 * The output is a view of the input (no copy): folding the weight-standardization chains of a
 * 4 GB model would otherwise write two extra copies of its weights into fresh memory.
 */
public final class Reshape implements Operator {
    private final boolean allowZero;

    public Reshape(Node node) {
        allowZero = node.opset() >= 14 && node.attributes().getLong("allowzero", 0) != 0;
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        if (in.length < 2 || in[1] == null) {
            throw new ShapeMismatchException("Reshape needs the 'shape' input");
        }
        long[] out = target(x.shape(), IntListInput.read(in[1], "shape"), allowZero);
        return new Tensor[] {x.reshaped(out)};
    }

    /** Resolves a Reshape 'shape' value against the input shape. */
    static long[] target(long[] inShape, long[] spec, boolean allowZero) {
        long[] out = spec.clone();
        int inferred = -1;
        boolean hasZero = false;
        long known = 1;
        for (int i = 0; i < out.length; i++) {
            if (out[i] == -1) {
                if (inferred >= 0) {
                    throw new ShapeMismatchException("shape " + Shape.format(spec) + " has more than one -1");
                }
                inferred = i;
                continue;
            }
            if (out[i] < -1) {
                throw new ShapeMismatchException("shape " + Shape.format(spec) + " has invalid dimension " + out[i]);
            }
            if (out[i] == 0) {
                hasZero = true;
                if (!allowZero) {
                    if (i >= inShape.length) {
                        throw new ShapeMismatchException("shape " + Shape.format(spec) + " has 0 (copy the input dim) at position "
                                + i + " but the input " + Shape.format(inShape) + " has only " + inShape.length + " dims");
                    }
                    out[i] = inShape[i];
                }
            }
            known = Math.multiplyExact(known, out[i]);
        }
        long total = Shape.size(inShape);
        if (inferred >= 0) {
            if (allowZero && hasZero) {
                throw new ShapeMismatchException("shape " + Shape.format(spec) + " has both -1 and 0 with allowzero=1");
            }
            if (known == 0 || total % known != 0) {
                throw new ShapeMismatchException("cannot reshape " + Shape.format(inShape) + " (" + total + " elements) to "
                        + Shape.format(spec) + ": the -1 dimension cannot be inferred");
            }
            out[inferred] = total / known;
        } else if (known != total) {
            throw new ShapeMismatchException("cannot reshape " + Shape.format(inShape) + " (" + total + " elements) to "
                    + Shape.format(out) + " (" + known + " elements)");
        }
        return out;
    }
}
