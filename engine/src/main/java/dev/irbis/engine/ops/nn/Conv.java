package dev.irbis.engine.ops.nn;

import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.Tensor;

/**
 * ONNX Conv (opsets 1, 11, 22), float32, 1-D to 3-D: X [N, C, in...], W [M, C/group, k...],
 * optional B [M]. All attributes (auto_pad, dilations, group, kernel_shape, pads, strides);
 * versions differ only in accepted types. {@link FusedConv} without residual or activation;
 * the kernel choice (Winograd or im2col + GEMM) is in {@link Convolution}.
 */
public final class Conv implements Operator {
    private final Convolution conv;

    public Conv(Node node) {
        conv = new Convolution(node.attributes(), "Conv");
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor w = in.length > 1 ? in[1] : null;
        Tensor b = in.length > 2 ? in[2] : null;
        return new Tensor[] {conv.run(in[0], w, b, null, false, ctx)};
    }
}
