package dev.irbis.engine.ops.nn;

import dev.irbis.engine.UnsupportedOperatorException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.Tensor;

/**
 * Irbis's fused convolution, op type {@code FusedConv} in domain {@code dev.irbis} ({@link Node#IRBIS_DOMAIN}),
 * which the conv-fusion pass puts in place of Conv [-> Add residual] [-> Relu] chains.
 * <p>Contract: inputs {@code [X, W, B or "", R]} with R optional (a residual of the output's shape);
 * attributes: every ONNX Conv attribute (auto_pad, dilations, group, kernel_shape, pads, strides) plus
 * {@code activation} (string, {@code "relu"} or {@code "none"}, default none). Output
 * {@code Y = act(conv(X, W) + B + R)}, with bias, residual and activation applied inside the conv kernels
 * as each output row is produced (no extra passes over memory).
 */
public final class FusedConv implements Operator {
    private final Convolution conv;
    private final boolean relu;

    public FusedConv(Node node) {
        conv = new Convolution(node.attributes(), "FusedConv");
        String act = node.attributes().getString("activation", "none");
        relu = switch (act) {
            case "relu" -> true;
            case "none" -> false;
            default -> throw new UnsupportedOperatorException("FusedConv attribute 'activation' must be 'relu' or 'none', got '"
                    + act + "'");
        };
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor w = in.length > 1 ? in[1] : null;
        Tensor b = in.length > 2 ? in[2] : null;
        Tensor r = in.length > 3 ? in[3] : null;
        return new Tensor[] {conv.run(in[0], w, b, r, relu, ctx)};
    }
}
