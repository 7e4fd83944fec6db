package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;

/**
 * ONNX Concat (opsets 4, 11, 13): joins inputs along {@code axis} (negative from opset 11). Each
 * input contributes one contiguous block per outer index, so the copy is a bulk copy per block.
 */
public final class Concat implements Operator {
    private final long axis;

    public Concat(Node node) {
        if (!node.attributes().has("axis")) {
            throw new ModelFormatException("Concat needs the 'axis' attribute");
        }
        axis = node.attributes().requireLong("axis");
        if (axis < 0 && node.opset() < 11) {
            throw new ModelFormatException("Concat axis " + axis + " is negative, which opset " + node.opset()
                    + " does not allow (negative axes arrived in opset 11)");
        }
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        if (in.length == 0 || in[0] == null) {
            throw new ShapeMismatchException("Concat needs at least one input");
        }
        Tensor first = in[0];
        int rank = first.rank();
        if (rank == 0) {
            throw new ShapeMismatchException("Concat cannot join scalars (input 0 has rank 0)");
        }
        int a = Shape.axis(axis, rank, "Concat");
        long[] out = first.shape();
        out[a] = 0;
        for (int i = 0; i < in.length; i++) {
            Tensor t = in[i];
            if (t == null) {
                throw new ShapeMismatchException("Concat input " + i + " is missing");
            }
            if (t.dataType() != first.dataType()) {
                throw new ShapeMismatchException("Concat input " + i + " is " + t.dataType() + " but input 0 is " + first.dataType());
            }
            if (t.rank() != rank) {
                throw new ShapeMismatchException("Concat input " + i + " has shape " + Shape.format(t.shape())
                        + ", of another rank than input 0 " + Shape.format(first.shape()));
            }
            for (int k = 0; k < rank; k++) {
                if (k != a && t.dim(k) != first.dim(k)) {
                    throw new ShapeMismatchException("Concat input " + i + " has shape " + Shape.format(t.shape())
                            + " but input 0 has " + Shape.format(first.shape()) + ": all dims but axis " + a + " must match");
                }
            }
            out[a] += t.dim(a);
        }
        Tensor y = ctx.allocate(first.dataType(), out);
        long outer = 1;
        for (int k = 0; k < a; k++) {
            outer *= out[k];
        }
        long outRow = y.size() == 0 ? 0 : y.data().byteSize() / outer;
        long offset = 0;
        for (Tensor t : in) {
            long block = t.size() == 0 ? 0 : t.data().byteSize() / outer;
            for (long o = 0; o < outer && block > 0; o++) {
                MemorySegment.copy(t.data(), o * block, y.data(), o * outRow + offset, block);
            }
            offset += block;
        }
        return new Tensor[] {y};
    }
}
