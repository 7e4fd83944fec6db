package dev.irbis.kernels.gemm;

import java.lang.foreign.MemorySegment;

/**
 * What happens to finished values of C before anyone reads them (a convolution's bias, residual and ReLU):
 * called on {@code c[offset, offset + count)}, a run of final values of row {@code row} of the product
 * ({@code 0 <= row < m}), in place. A GEMM may call it on a row in several pieces, each exactly once, in any
 * order and from any of its threads, so it must not depend on the rest of the row.
 */
@FunctionalInterface
public interface RowFinisher {
    void finish(MemorySegment c, long offset, int count, int row);

    /** Finishes rows [0, m) of n columns, one call per row: for GEMMs that cannot fuse it. */
    static void finishRows(RowFinisher finisher, MemorySegment c, long cOffset, int ldc, int m, int n) {
        for (int i = 0; i < m; i++) {
            finisher.finish(c, cOffset + (long) i * ldc, n, i);
        }
    }
}
