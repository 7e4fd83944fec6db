package dev.irbis.engine.ops.nn;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.norm.Moments;
import dev.irbis.kernels.norm.Normalize;

/**
 * Irbis's {@code dev.irbis.BatchStatNormalization(X, scale, B)}: BatchNormalization with the batch's own
 * statistics. For each channel c (axis 1) of X [N, C, ...], the mean and biased variance over every
 * other axis, then {@code y = (x - mean) / sqrt(var + epsilon) * scale[c] + B[c]}. This is what weight
 * standardization computes; the weight-standardization recognition pass puts it in place of the
 * ReduceMean / Sub / Mul / ReduceMean chains exporters write, so folding it costs two passes over the
 * weight instead of eight. Channels are processed in parallel.
 */
public final class BatchStatNormalization implements Operator {
    private final float epsilon;

    public BatchStatNormalization(Node node) {
        epsilon = NormParams.epsilon(node.attributes(), 1e-5f);
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        String op = "BatchStatNormalization";
        Tensor x = in[0];
        NormParams.checkX(x, 2, op);
        int n = NormParams.toInt(x.dim(0), op, "batch size");
        int c = NormParams.toInt(x.dim(1), op, "channel count");
        long inner = NormParams.tail(x, 2);
        float[] scale = NormParams.vector(NormParams.input(in, 1), c, op, "scale");
        float[] bias = NormParams.vector(NormParams.input(in, 2), c, op, "B");
        if ((long) n * inner == 0) {
            throw new ShapeMismatchException(op + ": X " + x + " has no elements per channel to take statistics over");
        }
        Tensor y = ctx.allocateUninitialized(DataType.FLOAT, x.shape());
        long image = (long) c * inner;
        ctx.parallel().parallelRange(c, 1, (from, to) -> {
            for (long ch = from; ch < to; ch++) {
                double[] mv = Moments.of(x.data(), ch * inner, n, inner, image);
                double invStd = 1.0 / Math.sqrt(mv[1] + epsilon);
                for (int img = 0; img < n; img++) {
                    long at = img * image + ch * inner;
                    Normalize.run(x.data(), y.data(), at, inner, mv[0], invStd, scale[(int) ch], bias[(int) ch]);
                }
            }
        });
        return new Tensor[] {y};
    }
}
