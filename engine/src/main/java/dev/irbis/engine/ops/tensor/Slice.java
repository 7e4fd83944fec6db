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
 * ONNX Slice. Opsets 1 to 9 take starts, ends and (optional) axes as attributes with step 1; from
 * opset 10 (also 11, 13) they are inputs, with optional axes and steps. Negative starts and ends
 * count from the end; out-of-range values are clamped (to [0, dim] going forward and to [-1, dim-1]
 * going backward), so INT64_MAX / INT64_MIN mean "to the end".
 */
public final class Slice implements Operator {
    private final boolean fromInputs;
    private final long[] startsAttr;
    private final long[] endsAttr;
    private final long[] axesAttr;

    public Slice(Node node) {
        fromInputs = node.opset() >= 10;
        if (fromInputs) {
            startsAttr = endsAttr = axesAttr = null;
        } else {
            startsAttr = node.attributes().getLongs("starts", null);
            endsAttr = node.attributes().getLongs("ends", null);
            axesAttr = node.attributes().getLongs("axes", null);
            if (startsAttr == null || endsAttr == null) {
                throw new ModelFormatException("Slice (opset " + node.opset() + ") needs the 'starts' and 'ends' attributes");
            }
        }
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        long[] starts;
        long[] ends;
        long[] axes;
        long[] steps = null;
        if (fromInputs) {
            if (in.length < 3 || in[1] == null || in[2] == null) {
                throw new ShapeMismatchException("Slice needs the 'starts' and 'ends' inputs");
            }
            starts = IntListInput.read(in[1], "starts");
            ends = IntListInput.read(in[2], "ends");
            axes = in.length > 3 && in[3] != null ? IntListInput.read(in[3], "axes") : null;
            steps = in.length > 4 && in[4] != null ? IntListInput.read(in[4], "steps") : null;
        } else {
            starts = startsAttr;
            ends = endsAttr;
            axes = axesAttr;
        }
        Plan plan = plan(x.shape(), starts, ends, axes, steps);
        Tensor y = ctx.allocate(x.dataType(), plan.outShape());
        long[] strides = Shape.strides(x.shape());
        long[][] offsets = new long[x.rank()][];
        for (int k = 0; k < offsets.length; k++) {
            offsets[k] = AxisMappedCopy.strided(plan.outShape()[k], plan.start()[k], plan.step()[k], strides[k]);
        }
        AxisMappedCopy.copy(x.data(), y.data(), x.dataType().byteSize(), plan.outShape(), offsets, null);
        return new Tensor[] {y};
    }

    /** Per input axis: the first index read, the step, and the output length. */
    record Plan(long[] start, long[] step, long[] outShape) {
    }

    static Plan plan(long[] dims, long[] starts, long[] ends, long[] axes, long[] steps) {
        int rank = dims.length;
        if (starts.length != ends.length) {
            throw new ShapeMismatchException("Slice starts " + Arrays.toString(starts) + " and ends " + Arrays.toString(ends)
                    + " differ in length");
        }
        if (axes == null) {
            if (starts.length > rank) {
                throw new ShapeMismatchException("Slice has " + starts.length + " starts for an input of rank " + rank);
            }
            axes = new long[starts.length];
            for (int i = 0; i < axes.length; i++) {
                axes[i] = i;
            }
        } else if (axes.length != starts.length) {
            throw new ShapeMismatchException("Slice axes " + Arrays.toString(axes) + " and starts " + Arrays.toString(starts)
                    + " differ in length");
        }
        if (steps != null && steps.length != starts.length) {
            throw new ShapeMismatchException("Slice steps " + Arrays.toString(steps) + " and starts " + Arrays.toString(starts)
                    + " differ in length");
        }
        int[] ax = IntListInput.axes(axes, rank, "Slice");
        long[] start = new long[rank];
        long[] step = new long[rank];
        long[] out = dims.clone();
        Arrays.fill(step, 1);
        for (int i = 0; i < ax.length; i++) {
            int a = ax[i];
            long d = dims[a];
            long st = steps == null ? 1 : steps[i];
            if (st == 0) {
                throw new ShapeMismatchException("Slice step for axis " + axes[i] + " is 0");
            }
            long s = starts[i] < 0 ? starts[i] + d : starts[i];
            long e = ends[i] < 0 ? ends[i] + d : ends[i];
            long len;
            if (d == 0) {
                len = 0;
            } else if (st > 0) {
                s = clamp(s, 0, d);
                e = clamp(e, 0, d);
                len = e > s ? ceilDiv(e - s, st) : 0;
            } else {
                s = clamp(s, 0, d - 1);
                e = clamp(e, -1, d - 1);
                len = s > e ? ceilDiv(s - e, -st) : 0;
            }
            start[a] = len == 0 ? 0 : s;
            step[a] = st;
            out[a] = len;
        }
        return new Plan(start, step, out);
    }

    private static long clamp(long v, long lo, long hi) {
        return Math.max(lo, Math.min(hi, v));
    }

    private static long ceilDiv(long a, long b) {
        // a, b > 0; written to avoid overflow for huge steps.
        return a / b + (a % b == 0 ? 0 : 1);
    }
}
