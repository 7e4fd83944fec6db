package dev.irbis.kernels.conv;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.ArrayList;
import java.util.List;

/**
 * Reusable native scratch buffers for convolution kernels (im2col matrices, Winograd tiles), so a
 * model's steady-state runs allocate nothing. Thread-safe: each {@link #acquire} hands out a buffer
 * no one else holds, so several runs of a model may share one pool. Best fit among the free
 * buffers, else a new one; at most {@code maxFree} free buffers are kept (the smallest are dropped).
 * Buffers are GC-managed ({@link Arena#ofAuto}), so dropping one (or the pool) frees its memory.
 */
public final class ScratchPool {
    private static final ScratchPool SHARED = new ScratchPool(8);

    private final int maxFree;
    private final List<MemorySegment> free = new ArrayList<>();

    public ScratchPool(int maxFree) {
        this.maxFree = maxFree;
    }

    /** The process-wide pool used by the convolution operators. */
    public static ScratchPool shared() {
        return SHARED;
    }

    /** A buffer of at least {@code floats} floats (maybe more; contents undefined); give it back with {@link #release}. */
    public MemorySegment acquire(long floats) {
        long bytes = Math.max(1, floats) * Float.BYTES;
        synchronized (free) {
            int best = -1;
            for (int i = 0; i < free.size(); i++) {
                long size = free.get(i).byteSize();
                if (size >= bytes && (best < 0 || size < free.get(best).byteSize())) {
                    best = i;
                }
            }
            if (best >= 0) {
                return free.remove(best);
            }
        }
        // Round up a little so that slightly larger requests later reuse this buffer.
        long rounded = (bytes + bytes / 8 + 4095) & ~4095L;
        return Arena.ofAuto().allocate(rounded, 64);
    }

    /** Returns a buffer from {@link #acquire}; null is ignored. */
    public void release(MemorySegment buffer) {
        if (buffer == null) {
            return;
        }
        synchronized (free) {
            free.add(buffer);
            if (free.size() > maxFree) {
                int smallest = 0;
                for (int i = 1; i < free.size(); i++) {
                    if (free.get(i).byteSize() < free.get(smallest).byteSize()) {
                        smallest = i;
                    }
                }
                free.remove(smallest);
            }
        }
    }
}
