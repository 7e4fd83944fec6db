package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/** ONNX Transpose (opsets 1, 13, 21): output axis i is input axis perm[i]; no perm reverses the axes. */
public final class Transpose implements Operator {
    private final int[] perm;

    public Transpose(Node node) {
        long[] p = node.attributes().getLongs("perm", null);
        if (p == null) {
            perm = null;
        } else {
            perm = new int[p.length];
            boolean[] seen = new boolean[p.length];
            for (int i = 0; i < p.length; i++) {
                if (p[i] < 0 || p[i] >= p.length || seen[(int) p[i]]) {
                    throw new ModelFormatException("Transpose perm " + Arrays.toString(p) + " is not a permutation of 0.."
                            + (p.length - 1));
                }
                seen[(int) p[i]] = true;
                perm[i] = (int) p[i];
            }
        }
    }

    @Override
    public Tensor[] run(Tensor[] in, ExecContext ctx) {
        Tensor x = in[0];
        int rank = x.rank();
        int[] p = perm;
        if (p == null) {
            p = new int[rank];
            for (int i = 0; i < rank; i++) {
                p[i] = rank - 1 - i;
            }
        } else if (p.length != rank) {
            throw new ShapeMismatchException("Transpose perm " + Arrays.toString(perm) + " has " + p.length
                    + " entries but the input " + Shape.format(x.shape()) + " has rank " + rank);
        }
        Tensor y = ctx.allocate(x.dataType(), permute(x.shape(), p));
        transpose(x, y, p);
        return new Tensor[] {y};
    }

    static long[] permute(long[] dims, int[] p) {
        long[] out = new long[p.length];
        for (int i = 0; i < p.length; i++) {
            out[i] = dims[p[i]];
        }
        return out;
    }

    /** Copies x into y (already of the permuted shape), after merging axes that stay adjacent. */
    static void transpose(Tensor x, Tensor y, int[] p) {
        long[] inStrides = Shape.strides(x.shape());
        List<long[]> axes = new ArrayList<>(); // {dim, source stride}, in output order
        for (int i = 0; i < p.length; i++) {
            long d = x.dim(p[i]);
            long s = inStrides[p[i]];
            if (d == 1) {
                continue;
            }
            if (!axes.isEmpty()) {
                long[] last = axes.get(axes.size() - 1);
                // Output axes that were adjacent (and in order) in the input read as one longer axis.
                if (last[1] == s * d) {
                    last[0] *= d;
                    last[1] = s;
                    continue;
                }
            }
            axes.add(new long[] {d, s});
        }
        if (x.size() == 0) {
            return;
        }
        if (axes.isEmpty()) {
            axes.add(new long[] {1, 1});
        }
        long[] dims = new long[axes.size()];
        long[][] offsets = new long[axes.size()][];
        for (int k = 0; k < dims.length; k++) {
            dims[k] = axes.get(k)[0];
            offsets[k] = AxisMappedCopy.strided(dims[k], 0, 1, axes.get(k)[1]);
        }
        AxisMappedCopy.copy(x.data(), y.data(), x.dataType().byteSize(), dims, offsets, null);
    }
}
