package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;

/**
 * ONNX Split (opsets 2, 11, 13, 18): cuts the input along {@code axis}. The sizes come from the
 * 'split' attribute (before 13) or input (13+); otherwise the input is cut into as many equal parts
 * as there are outputs, and from opset 18 into {@code num_outputs} parts of ceil(dim / n) with a
 * smaller last part.
 */
public final class Split implements Operator {
    private final long axis;
    private final long[] splitAttr;
    private final int outputs;
    private final boolean splitFromInput;
    /** Opset 18's rule: parts of ceil(dim / n), the last one smaller, instead of requiring equal parts. */
    private final boolean unevenLast;

    public Split(Node node) {
        int opset = node.opset();
        axis = node.attributes().getLong("axis", 0);
        if (axis < 0 && opset < 11) {
            throw new ModelFormatException("Split axis " + axis + " is negative, which opset " + opset
                    + " does not allow (negative axes arrived in opset 11)");
        }
        outputs = node.outputs().size();
        if (outputs == 0) {
            throw new ModelFormatException("Split has no outputs");
        }
        splitFromInput = opset >= 13;
        splitAttr = opset < 13 ? node.attributes().getLongs("split", null) : null;
        if (splitAttr != null && splitAttr.length != outputs) {
            throw new ModelFormatException("Split 'split' " + Arrays.toString(splitAttr) + " has " + splitAttr.length
                    + " sizes but the node has " + outputs + " outputs");
        }
        boolean hasNum = opset >= 18 && node.attributes().has("num_outputs");
        if (hasNum) {
            long n = node.attributes().requireLong("num_outputs");
            if (n != outputs) {
                throw new ModelFormatException("Split num_outputs = " + n + " but the node has " + outputs + " outputs");
            }
            if (node.input(1) != null) {
                throw new ModelFormatException("Split has both the 'split' input and the 'num_outputs' attribute; give one");
            }
        }
        unevenLast = opset >= 18;
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        if (x.rank() == 0) {
            throw new ShapeMismatchException("Split cannot cut a scalar");
        }
        int a = Shape.axis(axis, x.rank(), "Split");
        long dim = x.dim(a);
        long[] sizes = splitAttr;
        if (splitFromInput && in.length > 1 && in[1] != null) {
            sizes = IntListInput.read(in[1], "split");
            if (sizes.length != outputs) {
                throw new ShapeMismatchException("Split 'split' " + Arrays.toString(sizes) + " has " + sizes.length
                        + " sizes but the node has " + outputs + " outputs");
            }
        }
        if (sizes == null) {
            sizes = defaultSizes(dim, outputs, unevenLast);
        }
        long sum = 0;
        for (long s : sizes) {
            if (s < 0) {
                throw new ShapeMismatchException("Split size " + s + " is negative in " + Arrays.toString(sizes));
            }
            sum += s;
        }
        if (sum != dim) {
            throw new ShapeMismatchException("Split sizes " + Arrays.toString(sizes) + " add up to " + sum + " but axis " + a
                    + " of the input " + Shape.format(x.shape()) + " is " + dim);
        }
        long outer = 1;
        for (int k = 0; k < a; k++) {
            outer *= x.dim(k);
        }
        long inner = x.dataType().byteSize();
        for (int k = a + 1; k < x.rank(); k++) {
            inner *= x.dim(k);
        }
        long inRow = dim * inner;
        Tensor[] out = new Tensor[outputs];
        long offset = 0;
        for (int i = 0; i < outputs; i++) {
            long[] shape = x.shape();
            shape[a] = sizes[i];
            out[i] = ctx.allocate(x.dataType(), shape);
            long block = sizes[i] * inner;
            for (long o = 0; o < outer && block > 0; o++) {
                MemorySegment.copy(x.data(), o * inRow + offset, out[i].data(), o * block, block);
            }
            offset += block;
        }
        return out;
    }

    static long[] defaultSizes(long dim, int n, boolean unevenLast) {
        long[] sizes = new long[n];
        if (unevenLast) {
            long chunk = (dim + n - 1) / n;
            long left = dim;
            for (int i = 0; i < n; i++) {
                sizes[i] = Math.min(chunk, left);
                left -= sizes[i];
            }
            return sizes;
        }
        if (dim % n != 0) {
            throw new ShapeMismatchException("cannot split a dim of " + dim + " into " + n + " equal parts; give the 'split' sizes");
        }
        Arrays.fill(sizes, dim / n);
        return sizes;
    }
}
