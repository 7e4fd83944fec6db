package dev.irbis.engine.ops.nn;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.UnsupportedOperatorException;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.kernels.conv.WindowGeometry;

/**
 * The sliding-window attributes shared by Conv and the pooling operators (auto_pad, kernel_shape,
 * strides, dilations, pads, ceil_mode), parsed once, and the output-shape rules of the ONNX spec:
 * explicit pads give {@code floor((in + padBegin + padEnd - dilatedKernel) / stride) + 1} (or ceil,
 * dropping a last window that would start in the end padding); SAME_UPPER / SAME_LOWER give
 * {@code ceil(in / stride)} with the needed padding split evenly, the odd one at the end (UPPER) or
 * at the beginning (LOWER); VALID means no padding.
 */
final class WindowAttributes {
    enum AutoPad { NOTSET, SAME_UPPER, SAME_LOWER, VALID }

    private final AutoPad autoPad;
    private final long[] kernelShape;
    private final long[] strides;
    private final long[] dilations;
    private final long[] pads;
    private final boolean ceilMode;

    /**
     * @param kernelRequired whether kernel_shape must be given (pooling) or may come from the weights (Conv)
     * @param allowDilations false for operator versions without the dilations attribute
     * @param allowCeilMode false for operator versions without the ceil_mode attribute
     */
    WindowAttributes(Attributes a, boolean kernelRequired, boolean allowDilations, boolean allowCeilMode) {
        String ap = a.getString("auto_pad", "NOTSET");
        try {
            autoPad = AutoPad.valueOf(ap);
        } catch (IllegalArgumentException e) {
            throw new ModelFormatException("attribute 'auto_pad' must be NOTSET, SAME_UPPER, SAME_LOWER or VALID, got '"
                    + ap + "'");
        }
        kernelShape = a.getLongs("kernel_shape", null);
        if (kernelShape == null && kernelRequired) {
            throw new ModelFormatException("required attribute 'kernel_shape' is missing");
        }
        if (!allowDilations && a.has("dilations")) {
            throw new ModelFormatException("attribute 'dilations' does not exist in this operator version");
        }
        if (!allowCeilMode && a.has("ceil_mode")) {
            throw new ModelFormatException("attribute 'ceil_mode' does not exist in this operator version");
        }
        strides = a.getLongs("strides", null);
        dilations = a.getLongs("dilations", null);
        pads = a.getLongs("pads", null);
        ceilMode = a.getLong("ceil_mode", 0) != 0;
        if (kernelShape != null) {
            int r = kernelShape.length;
            if (r < 1 || r > 3) {
                throw new UnsupportedOperatorException("only 1-D, 2-D and 3-D windows are supported, kernel_shape has "
                        + r + " dims");
            }
            checkPositive("kernel_shape", kernelShape);
            checkLength("strides", strides, r);
            checkLength("dilations", dilations, r);
            checkLength("pads", pads, 2 * r);
        }
        checkPositive("strides", strides);
        checkPositive("dilations", dilations);
        if (pads != null) {
            for (long p : pads) {
                if (p < 0) {
                    throw new ModelFormatException("attribute 'pads' must not be negative, got " + Shape.format(pads));
                }
            }
        }
    }

    private static void checkLength(String name, long[] v, int expected) {
        if (v != null && v.length != expected) {
            throw new ModelFormatException("attribute '" + name + "' must have " + expected + " values, got "
                    + Shape.format(v));
        }
    }

    private static void checkPositive(String name, long[] v) {
        if (v == null) {
            return;
        }
        for (long x : v) {
            if (x < 1) {
                throw new ModelFormatException("attribute '" + name + "' must be positive, got " + Shape.format(v));
            }
        }
    }

    long[] kernelShape() {
        return kernelShape == null ? null : kernelShape.clone();
    }

    /**
     * Resolves the geometry for an input of spatial shape {@code in} and the given kernel (kernel_shape
     * or the weights' spatial dims).
     */
    WindowGeometry resolve(long[] in, long[] kernel, String op) {
        int r = in.length;
        if (r < 1 || r > 3) {
            throw new UnsupportedOperatorException(op + " supports 1 to 3 spatial dims, input has " + r);
        }
        if (kernel.length != r) {
            throw new ShapeMismatchException(op + " kernel has " + kernel.length + " spatial dims but input X has " + r
                    + " (input shape needs rank " + (kernel.length + 2) + ")");
        }
        checkLength("strides", strides, r);
        checkLength("dilations", dilations, r);
        checkLength("pads", pads, 2 * r);
        long[] padBegin = new long[r];
        long[] padEnd = new long[r];
        long[] out = new long[r];
        long[] s = new long[r];
        long[] d = new long[r];
        for (int i = 0; i < r; i++) {
            s[i] = strides == null ? 1 : strides[i];
            d[i] = dilations == null ? 1 : dilations[i];
            long dk = (kernel[i] - 1) * d[i] + 1;
            switch (autoPad) {
                case SAME_UPPER, SAME_LOWER -> {
                    out[i] = Math.ceilDiv(in[i], s[i]);
                    long total = Math.max(0, (out[i] - 1) * s[i] + dk - in[i]);
                    padBegin[i] = autoPad == AutoPad.SAME_UPPER ? total / 2 : total - total / 2;
                    padEnd[i] = total - padBegin[i];
                }
                case VALID -> out[i] = outputSize(in[i], 0, 0, dk, s[i]);
                case NOTSET -> {
                    padBegin[i] = pads == null ? 0 : pads[i];
                    padEnd[i] = pads == null ? 0 : pads[i + r];
                    out[i] = outputSize(in[i], padBegin[i], padEnd[i], dk, s[i]);
                }
            }
            if (out[i] < 1) {
                throw new ShapeMismatchException(op + " window (kernel " + kernel[i] + ", dilation " + d[i]
                        + ") does not fit spatial dim " + i + " of size " + in[i] + " with pads " + padBegin[i] + "+"
                        + padEnd[i]);
            }
        }
        try {
            return WindowGeometry.of(in, kernel, s, d, padBegin, padEnd, out);
        } catch (ArithmeticException e) {
            throw new ShapeMismatchException(op + " spatial sizes " + Shape.format(in) + " are too large");
        }
    }

    private long outputSize(long in, long pb, long pe, long dk, long stride) {
        long span = in + pb + pe - dk;
        if (span < 0) {
            return 0;
        }
        if (!ceilMode) {
            return span / stride + 1;
        }
        long out = Math.ceilDiv(span, stride) + 1;
        // The last window must start inside the input or the begin padding, not in the end padding.
        if ((out - 1) * stride >= in + pb) {
            out--;
        }
        return out;
    }

    static long[] spatialOut(WindowGeometry g, int r) {
        long[] all = {g.outD, g.outH, g.outW};
        long[] out = new long[r];
        System.arraycopy(all, 3 - r, out, 0, r);
        return out;
    }
}
