package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.UnsupportedOperatorException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import java.util.Arrays;

/**
 * ONNX Pad. Opsets 2 to 10: 'pads' and 'value' attributes; 11 and 13: 'pads' and optional
 * 'constant_value' inputs; 18: optional 'axes' input; 19 adds mode 'wrap' (21, 23 only add types).
 * pads are [x1_begin, x2_begin, ..., x1_end, x2_end, ...]; negative pads crop. Modes: constant,
 * reflect (mirror without repeating the edge), edge (repeat the edge), wrap (periodic). With
 * negative pads, the crop happens first and the other modes read from the cropped range.
 */
public final class Pad implements Operator {
    enum Mode { CONSTANT, REFLECT, EDGE, WRAP }

    private final Mode mode;
    private final boolean fromInputs;
    private final long[] padsAttr;
    private final double valueAttr;

    public Pad(Node node) {
        int opset = node.opset();
        String m = node.attributes().getString("mode", "constant");
        mode = switch (m) {
            case "constant" -> Mode.CONSTANT;
            case "reflect" -> Mode.REFLECT;
            case "edge" -> Mode.EDGE;
            case "wrap" -> {
                if (opset < 19) {
                    throw new ModelFormatException("Pad mode 'wrap' needs opset 19 or later, the model imports opset " + opset);
                }
                yield Mode.WRAP;
            }
            default -> throw new ModelFormatException("Pad mode '" + m + "' is not one of constant, reflect, edge, wrap");
        };
        fromInputs = opset >= 11;
        if (fromInputs) {
            padsAttr = null;
            valueAttr = 0;
        } else {
            padsAttr = node.attributes().getLongs("pads", null);
            if (padsAttr == null) {
                throw new ModelFormatException("Pad (opset " + opset + ") needs the 'pads' attribute");
            }
            valueAttr = node.attributes().getFloat("value", 0f);
        }
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        int rank = x.rank();
        long[] pads;
        byte[] fill;
        int[] axes;
        if (fromInputs) {
            if (in.length < 2 || in[1] == null) {
                throw new ShapeMismatchException("Pad needs the 'pads' input");
            }
            pads = IntListInput.read(in[1], "pads");
            Tensor cv = in.length > 2 ? in[2] : null;
            if (cv != null && cv.size() > 0) {
                if (cv.dataType() != x.dataType()) {
                    throw new ShapeMismatchException("Pad constant_value is " + cv.dataType() + " but the data is " + x.dataType());
                }
                fill = ElementBytes.of(cv, 0);
            } else {
                fill = new byte[x.dataType().byteSize()];
            }
            long[] ax = in.length > 3 && in[3] != null ? IntListInput.read(in[3], "axes") : null;
            axes = ax == null ? allAxes(rank) : IntListInput.axes(ax, rank, "Pad");
        } else {
            pads = padsAttr;
            fill = ElementBytes.of(x.dataType(), valueAttr);
            axes = allAxes(rank);
        }
        if (pads.length != 2 * axes.length) {
            throw new ShapeMismatchException("Pad has " + pads.length + " pads but needs " + 2 * axes.length
                    + " (begin and end for each of " + axes.length + " axes) for an input of shape " + Shape.format(x.shape()));
        }
        long[] begin = new long[rank];
        long[] end = new long[rank];
        for (int i = 0; i < axes.length; i++) {
            begin[axes[i]] = pads[i];
            end[axes[i]] = pads[i + axes.length];
        }
        long[] outShape = new long[rank];
        long[][] offsets = new long[rank][];
        long[] strides = Shape.strides(x.shape());
        for (int k = 0; k < rank; k++) {
            offsets[k] = axisOffsets(x.dim(k), begin[k], end[k], mode, strides[k], k);
            outShape[k] = offsets[k].length;
        }
        Tensor y = ctx.allocate(x.dataType(), outShape);
        AxisMappedCopy.copy(x.data(), y.data(), x.dataType().byteSize(), outShape, offsets,
                ElementBytes.isZero(fill) ? null : fill);
        return new Tensor[] {y};
    }

    private static int[] allAxes(int rank) {
        int[] a = new int[rank];
        for (int i = 0; i < rank; i++) {
            a[i] = i;
        }
        return a;
    }

    /** The source offset (or FILL) of every output position along one axis. */
    static long[] axisOffsets(long dim, long begin, long end, Mode mode, long stride, int axis) {
        long lo = Math.max(0, -begin);
        long hi = dim - Math.max(0, -end);
        long kept = hi - lo;
        long before = Math.max(0, begin);
        long after = Math.max(0, end);
        if (kept < 0) {
            throw new ShapeMismatchException("Pad crops " + (-Math.min(begin, 0) - Math.min(end, 0)) + " elements from axis "
                    + axis + ", which has only " + dim);
        }
        long outLen = kept + before + after;
        if (outLen > Integer.MAX_VALUE) {
            throw new ShapeMismatchException("Pad would make axis " + axis + " " + outLen + " long");
        }
        if (kept == 0 && outLen > 0 && mode != Mode.CONSTANT) {
            throw new UnsupportedOperatorException("Pad mode " + mode.name().toLowerCase() + " cannot pad axis " + axis
                    + ", which is empty (after cropping)");
        }
        long[] t = new long[(int) outLen];
        for (int i = 0; i < t.length; i++) {
            long j = i - before;
            if (j < 0 || j >= kept) {
                j = switch (mode) {
                    case CONSTANT -> -1;
                    case EDGE -> j < 0 ? 0 : kept - 1;
                    case WRAP -> Math.floorMod(j, kept);
                    case REFLECT -> reflect(j, kept);
                };
            }
            t[i] = j < 0 ? AxisMappedCopy.FILL : (lo + j) * stride;
        }
        return t;
    }

    private static long reflect(long j, long n) {
        if (n == 1) {
            return 0;
        }
        long period = 2 * (n - 1);
        j = Math.floorMod(j, period);
        return j < n ? j : period - j;
    }

    @Override
    public String toString() {
        return "Pad(" + mode + (padsAttr == null ? "" : ", pads=" + Arrays.toString(padsAttr)) + ")";
    }
}
