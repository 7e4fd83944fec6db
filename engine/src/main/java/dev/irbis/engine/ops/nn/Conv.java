package dev.irbis.engine.ops.nn;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.conv.ConvGemm;
import dev.irbis.kernels.conv.WindowGeometry;
import java.util.Arrays;

/**
 * ONNX Conv (opsets 1, 11, 22), float32, 1-D to 3-D: X [N, C, in...], W [M, C/group, k...],
 * optional B [M]. All attributes (auto_pad, dilations, group, kernel_shape, pads, strides);
 * versions differ only in accepted types. Runs as im2col + GEMM ({@link ConvGemm}).
 */
public final class Conv implements Operator {
    private final WindowAttributes window;
    private final int group;

    public Conv(Node node) {
        window = new WindowAttributes(node.attributes(), false, true, false);
        long g = node.attributes().getLong("group", 1);
        if (g < 1 || g > Integer.MAX_VALUE) {
            throw new ModelFormatException("attribute 'group' must be a positive int, got " + g);
        }
        group = (int) g;
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        Tensor w = in.length > 1 ? in[1] : null;
        if (w == null) {
            throw new ShapeMismatchException("Conv input W (the weights) is required");
        }
        Tensor b = in.length > 2 ? in[2] : null;
        checkFloat("X", x);
        checkFloat("W", w);
        if (x.rank() < 3) {
            throw new ShapeMismatchException("Conv input X must have rank 3 to 5 ([N, C, spatial...]), got shape "
                    + Shape.format(x.shape()));
        }
        if (w.rank() != x.rank()) {
            throw new ShapeMismatchException("Conv weights W must have the rank of X (" + x.rank() + "), got shape "
                    + Shape.format(w.shape()));
        }
        int n = toInt(x.dim(0));
        int c = toInt(x.dim(1));
        int m = toInt(w.dim(0));
        if (c % group != 0 || w.dim(1) * group != c) {
            throw new ShapeMismatchException("Conv with group " + group + ": X has " + c + " channels, so W "
                    + Shape.format(w.shape()) + " needs dim 1 = " + (c / Math.max(1, group)) + " (and C divisible by group)");
        }
        if (m % group != 0) {
            throw new ShapeMismatchException("Conv output channels " + m + " (W dim 0) are not divisible by group " + group);
        }
        long[] spatial = Arrays.copyOfRange(x.shape(), 2, x.rank());
        long[] wKernel = Arrays.copyOfRange(w.shape(), 2, w.rank());
        long[] kernel = window.kernelShape();
        if (kernel != null && !Arrays.equals(kernel, wKernel)) {
            throw new ShapeMismatchException("Conv kernel_shape " + Shape.format(kernel) + " does not match W's spatial dims "
                    + Shape.format(wKernel));
        }
        if (b != null) {
            checkFloat("B", b);
            if (b.rank() != 1 || b.dim(0) != m) {
                throw new ShapeMismatchException("Conv bias B must have shape [" + m + "], got " + Shape.format(b.shape()));
            }
        }
        WindowGeometry g = window.resolve(spatial, wKernel, "Conv");
        long[] outShape = new long[x.rank()];
        outShape[0] = n;
        outShape[1] = m;
        System.arraycopy(WindowAttributes.spatialOut(g, spatial.length), 0, outShape, 2, spatial.length);
        long colFloats = ConvGemm.scratchFloats(c, group, g);
        if (g.outSize() > Integer.MAX_VALUE || g.inSize() > Integer.MAX_VALUE
                || (long) (c / group) * g.kernelSize() > Integer.MAX_VALUE) {
            throw new ShapeMismatchException("Conv problem too large for a 32-bit GEMM: input " + Shape.format(x.shape()));
        }
        Tensor y = ctx.allocate(DataType.FLOAT, outShape);
        if (n == 0 || m == 0) {
            return new Tensor[] {y};
        }
        Tensor col = colFloats == 0 ? null : ctx.scratch(DataType.FLOAT, colFloats);
        try {
            ConvGemm.run(ctx.gemm(), x.data(), w.data(), b == null ? null : b.data(), y.data(), n, c, m, group, g,
                    col == null ? null : col.data());
        } finally {
            if (col != null) {
                col.close();
            }
        }
        return new Tensor[] {y};
    }

    private static void checkFloat(String what, Tensor t) {
        if (t.dataType() != DataType.FLOAT) {
            throw new ShapeMismatchException("Conv supports float32 only; input " + what + " is " + t.dataType());
        }
    }

    private static int toInt(long v) {
        if (v > Integer.MAX_VALUE) {
            throw new ShapeMismatchException("Conv dimension " + v + " is too large");
        }
        return (int) v;
    }
}
