package dev.irbis.kernels.elementwise;

import java.util.ArrayList;
import java.util.List;

/**
 * Walks several operands over one (broadcast) index space row by row. Each operand is described by
 * element strides over the shared dims (0 for a broadcast dim). Dims of size 1 are dropped and
 * adjacent dims that are contiguous for every operand are merged, so a same-shape case becomes a
 * single row and a {@code [C,1,1]} vs {@code [N,C,H,W]} case becomes N*C rows of H*W with stride 0
 * for the per-channel operand. The innermost stride of an operand is usually 0 or 1; row kernels
 * specialise on that.
 */
public final class StridedRows {
    /** Receives the element offset of each operand at the start of a row, and the row length. */
    @FunctionalInterface
    public interface RowVisitor {
        void row(long[] offsets, long n);
    }

    private final long[] outerDims;
    private final long[][] outerStrides;
    private final long rowLength;
    private final long[] innerStrides;
    private final boolean empty;

    private StridedRows(long[] outerDims, long[][] outerStrides, long rowLength, long[] innerStrides, boolean empty) {
        this.outerDims = outerDims;
        this.outerStrides = outerStrides;
        this.rowLength = rowLength;
        this.innerStrides = innerStrides;
        this.empty = empty;
    }

    /**
     * @param dims    the shared index space
     * @param strides one array per operand, each of {@code dims.length} element strides
     */
    public static StridedRows plan(long[] dims, long[]... strides) {
        int k = strides.length;
        boolean empty = false;
        // Collapsed dims, built from the innermost outwards.
        List<Long> cd = new ArrayList<>();
        List<long[]> cs = new ArrayList<>();
        for (int d = dims.length - 1; d >= 0; d--) {
            if (dims[d] == 0) {
                empty = true;
            }
            if (dims[d] == 1) {
                continue;
            }
            long[] s = new long[k];
            for (int o = 0; o < k; o++) {
                s[o] = strides[o][d];
            }
            if (!cd.isEmpty()) {
                int top = cd.size() - 1;
                long topDim = cd.get(top);
                long[] topStrides = cs.get(top);
                boolean mergeable = true;
                for (int o = 0; o < k; o++) {
                    if (s[o] != topStrides[o] * topDim) {
                        mergeable = false;
                        break;
                    }
                }
                if (mergeable) {
                    cd.set(top, topDim * dims[d]);
                    continue;
                }
            }
            cd.add(dims[d]);
            cs.add(s);
        }
        if (cd.isEmpty()) {
            return new StridedRows(new long[0], new long[k][0], 1, new long[k], empty);
        }
        int outer = cd.size() - 1;
        long[] outerDims = new long[outer];
        long[][] outerStrides = new long[k][outer];
        for (int i = 0; i < outer; i++) {
            int src = cd.size() - 1 - i;
            outerDims[i] = cd.get(src);
            for (int o = 0; o < k; o++) {
                outerStrides[o][i] = cs.get(src)[o];
            }
        }
        return new StridedRows(outerDims, outerStrides, cd.get(0), cs.get(0).clone(), empty);
    }

    public long rowLength() {
        return rowLength;
    }

    /** Stride of operand {@code operand} along a row. */
    public long innerStride(int operand) {
        return innerStrides[operand];
    }

    public long rowCount() {
        if (empty) {
            return 0;
        }
        long n = 1;
        for (long d : outerDims) {
            n *= d;
        }
        return n;
    }

    /** Visits every row in order; the offsets array is reused between calls. */
    public void forEach(RowVisitor visitor) {
        long rows = rowCount();
        int k = innerStrides.length;
        int depth = outerDims.length;
        long[] offsets = new long[k];
        long[] counter = new long[depth];
        for (long r = 0; r < rows; r++) {
            visitor.row(offsets, rowLength);
            for (int d = depth - 1; d >= 0; d--) {
                counter[d]++;
                for (int o = 0; o < k; o++) {
                    offsets[o] += outerStrides[o][d];
                }
                if (counter[d] < outerDims[d]) {
                    break;
                }
                counter[d] = 0;
                for (int o = 0; o < k; o++) {
                    offsets[o] -= outerStrides[o][d] * outerDims[d];
                }
            }
        }
    }
}
