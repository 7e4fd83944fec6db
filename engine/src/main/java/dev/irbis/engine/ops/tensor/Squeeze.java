package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import java.util.Arrays;

/**
 * ONNX Squeeze (opsets 1, 11, 13, 21): removes the listed size-1 axes, or every size-1 axis when
 * none are listed. Axes are an attribute before opset 13 (negative from 11) and an optional input
 * from 13.
 */
public final class Squeeze implements Operator {
    private final boolean fromInput;
    private final long[] axesAttr;

    public Squeeze(Node node) {
        fromInput = node.opset() >= 13;
        axesAttr = fromInput ? null : node.attributes().getLongs("axes", null);
        if (axesAttr != null && node.opset() < 11 && Arrays.stream(axesAttr).anyMatch(a -> a < 0)) {
            throw new ModelFormatException("Squeeze axes " + Arrays.toString(axesAttr) + " are negative, which opset "
                    + node.opset() + " does not allow (negative axes arrived in opset 11)");
        }
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        long[] axes = fromInput ? (in.length > 1 && in[1] != null ? IntListInput.read(in[1], "axes") : null) : axesAttr;
        long[] dims = x.shape();
        boolean[] drop = new boolean[dims.length];
        if (axes == null) {
            for (int i = 0; i < dims.length; i++) {
                drop[i] = dims[i] == 1;
            }
        } else {
            for (int a : IntListInput.axes(axes, dims.length, "Squeeze")) {
                if (dims[a] != 1) {
                    throw new ShapeMismatchException("Squeeze axis " + a + " of the input " + Shape.format(dims) + " has size "
                            + dims[a] + ", not 1");
                }
                drop[a] = true;
            }
        }
        long[] out = new long[dims.length];
        int n = 0;
        for (int i = 0; i < dims.length; i++) {
            if (!drop[i]) {
                out[n++] = dims[i];
            }
        }
        return new Tensor[] {x.reshaped(Arrays.copyOf(out, n))};
    }
}
