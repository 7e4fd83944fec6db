package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.Tensor;
import java.util.Arrays;

/**
 * ONNX Unsqueeze (opsets 1, 11, 13, 21): inserts size-1 axes at the listed positions of the output
 * (in any order; negative from opset 11, counted against the output rank). Axes are a required
 * attribute before opset 13 and a required input from 13.
 */
public final class Unsqueeze implements Operator {
    private final boolean fromInput;
    private final long[] axesAttr;

    public Unsqueeze(Node node) {
        fromInput = node.opset() >= 13;
        axesAttr = fromInput ? null : node.attributes().getLongs("axes", null);
        if (!fromInput) {
            if (axesAttr == null) {
                throw new ModelFormatException("Unsqueeze (opset " + node.opset() + ") needs the 'axes' attribute");
            }
            if (node.opset() < 11 && Arrays.stream(axesAttr).anyMatch(a -> a < 0)) {
                throw new ModelFormatException("Unsqueeze axes " + Arrays.toString(axesAttr) + " are negative, which opset "
                        + node.opset() + " does not allow (negative axes arrived in opset 11)");
            }
        }
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        long[] axes = axesAttr;
        if (fromInput) {
            if (in.length < 2 || in[1] == null) {
                throw new ShapeMismatchException("Unsqueeze needs the 'axes' input");
            }
            axes = IntListInput.read(in[1], "axes");
        }
        return new Tensor[] {x.reshaped(outShape(x.shape(), axes))};
    }

    static long[] outShape(long[] dims, long[] axes) {
        int rank = dims.length + axes.length;
        boolean[] inserted = new boolean[rank];
        for (int a : IntListInput.axes(axes, rank, "Unsqueeze")) {
            inserted[a] = true;
        }
        long[] out = new long[rank];
        int src = 0;
        for (int i = 0; i < rank; i++) {
            out[i] = inserted[i] ? 1 : dims[src++];
        }
        return out;
    }
}
