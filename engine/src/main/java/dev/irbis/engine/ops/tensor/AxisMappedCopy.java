package dev.irbis.engine.ops.tensor;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * The copy kernel behind Transpose, Slice, Expand and Pad. The output is dense row-major of shape
 * {@code dims}; output element (i0, ..., ik) is source element {@code offsets[0][i0] + ... + offsets[k][ik]}
 * (offsets in elements, each axis with its own table), or the fill element where any table holds
 * {@link #FILL}. Elements are moved as raw bytes of {@code elemBytes}, so every data type works.
 * Runs of the innermost axis whose source offsets are consecutive become one bulk copy; this is
 * what makes slices along outer axes and transposes that keep the last axis cost a memcpy per row.
 * Single-threaded.
 */
final class AxisMappedCopy {
    /** Marks an output position that takes the fill element (Pad). */
    static final long FILL = -1;
    /** Contiguous stretches shorter than this are copied element by element. */
    private static final int MIN_BULK = 4;

    private AxisMappedCopy() {
    }

    /**
     * @param fill one element's bytes for {@link #FILL} positions; null when no table holds FILL,
     *             or when the fill is all-zero bytes (the destination must then be zero-filled already)
     */
    static void copy(MemorySegment src, MemorySegment dst, int elemBytes, long[] dims, long[][] offsets, byte[] fill) {
        int rank = dims.length;
        for (long d : dims) {
            if (d == 0) {
                return;
            }
        }
        if (rank == 0) {
            MemorySegment.copy(src, 0, dst, 0, elemBytes);
            return;
        }
        long[] inner = offsets[rank - 1];
        int n = (int) dims[rank - 1];
        int[] runs = innerRuns(inner, n);
        long rows = 1;
        for (int k = 0; k < rank - 1; k++) {
            rows *= dims[k];
        }
        long[] idx = new long[rank - 1];
        long dstPos = 0;
        for (long r = 0; r < rows; r++) {
            long base = 0;
            boolean fillRow = false;
            for (int k = 0; k < rank - 1; k++) {
                long o = offsets[k][(int) idx[k]];
                if (o == FILL) {
                    fillRow = true;
                }
                base += o;
            }
            if (fillRow) {
                fill(dst, dstPos, n, elemBytes, fill);
            } else {
                copyRow(src, base, inner, runs, dst, dstPos, elemBytes, fill);
            }
            dstPos += n;
            for (int k = rank - 2; k >= 0; k--) {
                if (++idx[k] < dims[k]) {
                    break;
                }
                idx[k] = 0;
            }
        }
    }

    private static final int KIND_FILL = 0;
    private static final int KIND_BULK = 1;
    private static final int KIND_ELEMENTS = 2;

    /** Splits the inner axis into runs, encoded as triples (kind, start, length). */
    private static int[] innerRuns(long[] off, int n) {
        int[] runs = new int[3 * n + 3];
        int count = 0;
        int i = 0;
        while (i < n) {
            int j = i + 1;
            int kind;
            if (off[i] == FILL) {
                while (j < n && off[j] == FILL) {
                    j++;
                }
                kind = KIND_FILL;
            } else {
                while (j < n && off[j] != FILL && off[j] == off[j - 1] + 1) {
                    j++;
                }
                if (j - i >= MIN_BULK) {
                    kind = KIND_BULK;
                } else {
                    // Gather elements until a fill or a long enough contiguous stretch begins.
                    j = i + 1;
                    while (j < n && off[j] != FILL && contiguousLength(off, j, n) < MIN_BULK) {
                        j++;
                    }
                    kind = KIND_ELEMENTS;
                }
            }
            runs[count++] = kind;
            runs[count++] = i;
            runs[count++] = j - i;
            i = j;
        }
        return java.util.Arrays.copyOf(runs, count);
    }

    private static int contiguousLength(long[] off, int from, int n) {
        int j = from + 1;
        while (j < n && j - from < MIN_BULK && off[j] != FILL && off[j] == off[j - 1] + 1) {
            j++;
        }
        return j - from;
    }

    private static void copyRow(MemorySegment src, long base, long[] inner, int[] runs, MemorySegment dst, long dstPos,
                                int eb, byte[] fill) {
        for (int r = 0; r < runs.length; r += 3) {
            int start = runs[r + 1];
            int len = runs[r + 2];
            switch (runs[r]) {
                case KIND_FILL -> fill(dst, dstPos + start, len, eb, fill);
                case KIND_BULK -> MemorySegment.copy(src, (base + inner[start]) * eb, dst, (dstPos + start) * eb, (long) len * eb);
                default -> copyElements(src, base, inner, start, len, dst, dstPos + start, eb);
            }
        }
    }

    private static void copyElements(MemorySegment src, long base, long[] off, int start, int len, MemorySegment dst,
                                     long dstPos, int eb) {
        int end = start + len;
        switch (eb) {
            case 1 -> {
                for (int i = start; i < end; i++) {
                    dst.set(ValueLayout.JAVA_BYTE, dstPos++, src.get(ValueLayout.JAVA_BYTE, base + off[i]));
                }
            }
            case 2 -> {
                for (int i = start; i < end; i++) {
                    dst.setAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, dstPos++, src.getAtIndex(ValueLayout.JAVA_SHORT_UNALIGNED, base + off[i]));
                }
            }
            case 4 -> {
                for (int i = start; i < end; i++) {
                    dst.setAtIndex(ValueLayout.JAVA_INT_UNALIGNED, dstPos++, src.getAtIndex(ValueLayout.JAVA_INT_UNALIGNED, base + off[i]));
                }
            }
            case 8 -> {
                for (int i = start; i < end; i++) {
                    dst.setAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, dstPos++, src.getAtIndex(ValueLayout.JAVA_LONG_UNALIGNED, base + off[i]));
                }
            }
            default -> {
                for (int i = start; i < end; i++) {
                    MemorySegment.copy(src, (base + off[i]) * eb, dst, (dstPos++) * eb, eb);
                }
            }
        }
    }

    /** Writes {@code count} copies of the fill element from element {@code pos}; nothing when fill is null. */
    static void fill(MemorySegment dst, long pos, long count, int eb, byte[] fill) {
        if (fill == null || count == 0) {
            return;
        }
        MemorySegment.copy(MemorySegment.ofArray(fill), 0, dst, pos * eb, eb);
        // Double the filled stretch each time: log2(count) bulk copies.
        long done = 1;
        while (done < count) {
            long n = Math.min(done, count - done);
            MemorySegment.copy(dst, pos * eb, dst, (pos + done) * eb, n * eb);
            done += n;
        }
    }

    /** Offsets table of an axis read with a plain stride: i * stride. */
    static long[] strided(long dim, long start, long step, long stride) {
        long[] t = new long[(int) dim];
        for (int i = 0; i < t.length; i++) {
            t[i] = (start + i * step) * stride;
        }
        return t;
    }
}
