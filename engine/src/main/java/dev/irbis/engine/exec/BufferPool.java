package dev.irbis.engine.exec;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Recycles the native buffers of intermediate tensors between runs of one model, so a warmed-up run
 * allocates nothing: each run of the same shapes asks for the same byte sizes, and gets back the
 * buffers the previous run returned. Safe for concurrent runs (each buffer is lent to one tensor at a
 * time). Idle buffers beyond {@code maxIdleBytes} are freed instead of kept.
 */
public final class BufferPool implements AutoCloseable {
    private static final long ALIGNMENT = 64;

    private record Buffer(MemorySegment segment, Arena arena) {
    }

    private final Map<Long, ConcurrentLinkedDeque<Buffer>> idle = new ConcurrentHashMap<>();
    private final Map<Long, Buffer> lentByAddress = new ConcurrentHashMap<>();
    private final AtomicLong idleBytes = new AtomicLong();
    private final long maxIdleBytes;
    private volatile boolean closed;

    public BufferPool(long maxIdleBytes) {
        this.maxIdleBytes = maxIdleBytes;
    }

    /** A buffer of exactly {@code bytes} bytes with arbitrary contents, until {@link #giveBack}. */
    public MemorySegment take(long bytes) {
        ConcurrentLinkedDeque<Buffer> q = idle.get(bytes);
        Buffer b = q == null ? null : q.pollFirst();
        if (b != null) {
            idleBytes.addAndGet(-bytes);
        } else {
            // Not zero-filled: the caller writes it all, and faults its pages in on its own threads.
            Arena arena = Arena.ofShared();
            try {
                b = new Buffer(UninitializedMemory.allocate(arena, bytes, ALIGNMENT), arena);
            } catch (RuntimeException | OutOfMemoryError e) {
                arena.close();
                throw e;
            }
        }
        lentByAddress.put(b.segment.address(), b);
        return b.segment;
    }

    /** Returns a buffer obtained from {@link #take}. */
    public void giveBack(MemorySegment segment) {
        Buffer b = lentByAddress.remove(segment.address());
        if (b == null) {
            throw new IllegalStateException("buffer was not lent by this pool");
        }
        long bytes = segment.byteSize();
        if (closed || idleBytes.get() + bytes > maxIdleBytes) {
            b.arena.close();
            return;
        }
        idleBytes.addAndGet(bytes);
        idle.computeIfAbsent(bytes, k -> new ConcurrentLinkedDeque<>()).addFirst(b);
    }

    /** Bytes held idle for reuse. */
    public long idleBytes() {
        return idleBytes.get();
    }

    /** Frees the idle buffers; buffers still lent are freed when given back. */
    @Override
    public void close() {
        closed = true;
        for (ConcurrentLinkedDeque<Buffer> q : idle.values()) {
            for (Buffer b; (b = q.pollFirst()) != null; ) {
                idleBytes.addAndGet(-b.segment.byteSize());
                b.arena.close();
            }
        }
    }
}
