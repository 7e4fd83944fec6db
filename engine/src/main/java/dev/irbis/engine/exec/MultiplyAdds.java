package dev.irbis.engine.exec;

import dev.irbis.engine.ir.Node;
import dev.irbis.engine.tensor.Tensor;

/**
 * The multiply-adds one node did, from its actual input and output shapes: Conv (and Irbis's FusedConv),
 * ConvTranspose, Gemm and MatMul, counted as a direct computation (Winograd's saved multiplies are not
 * subtracted, so FLOPs over time is an effective rate). Every other node counts 0: in a CNN bias, activations,
 * pooling and normalisation are a few percent of the work.
 */
public final class MultiplyAdds {
    private MultiplyAdds() {
    }

    public static long of(Node node, Tensor[] inputs, Tensor[] outputs) {
        if (outputs.length == 0 || outputs[0] == null) {
            return 0;
        }
        if (node.domain().equals(Node.IRBIS_DOMAIN)) {
            return node.opType().equals("FusedConv") ? conv(inputs[1], outputs[0]) : 0;
        }
        if (!node.domain().isEmpty()) {
            return 0;
        }
        return switch (node.opType()) {
            case "Conv" -> conv(inputs[1], outputs[0]);
            case "ConvTranspose" -> convTranspose(inputs[0], inputs[1]);
            case "Gemm" -> gemm(node, inputs[0], outputs[0]);
            case "MatMul" -> matMul(inputs[0], outputs[0]);
            default -> 0;
        };
    }

    /** Each output element sums C/group * k1 * ... * kn products; W is [M, C/group, k...]. */
    public static long conv(Tensor w, Tensor y) {
        return w.dim(0) == 0 ? 0 : y.size() * (w.size() / w.dim(0));
    }

    /** Each input element is scattered into M/group * k1 * ... * kn outputs; W is [C, M/group, k...]. */
    private static long convTranspose(Tensor x, Tensor w) {
        return w.dim(0) == 0 ? 0 : x.size() * (w.size() / w.dim(0));
    }

    private static long gemm(Node node, Tensor a, Tensor y) {
        boolean transA = node.attributes().getLong("transA", 0) != 0;
        long k = transA ? a.dim(0) : a.dim(a.rank() - 1);
        return y.size() * k;
    }

    /** Every output element is a dot product over A's last axis. */
    private static long matMul(Tensor a, Tensor y) {
        return a.rank() == 0 ? 0 : y.size() * a.dim(a.rank() - 1);
    }
}
