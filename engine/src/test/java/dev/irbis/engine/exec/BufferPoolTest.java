package dev.irbis.engine.exec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.lang.foreign.MemorySegment;
import org.junit.jupiter.api.Test;

class BufferPoolTest {
    @Test
    void lendsEachBufferToOneHolderAndReusesReturnedOnes() {
        try (BufferPool pool = new BufferPool(1 << 20)) {
            MemorySegment a = pool.take(4000);
            MemorySegment b = pool.take(4000);
            assertNotEquals(a.address(), b.address(), "a lent buffer is never lent twice");
            pool.giveBack(a);
            assertEquals(4000, pool.idleBytes());
            assertEquals(a.address(), pool.take(4000).address(), "the returned buffer of that size comes back");
            assertEquals(0, pool.idleBytes());
            assertEquals(100, pool.take(100).byteSize(), "sizes are exact");
        }
    }

    @Test
    void freesInsteadOfKeepingBeyondTheIdleLimit() {
        try (BufferPool pool = new BufferPool(1000)) {
            MemorySegment big = pool.take(4000);
            pool.giveBack(big);
            assertEquals(0, pool.idleBytes());
        }
    }

    @Test
    void refusesBuffersItDidNotLend() {
        try (BufferPool pool = new BufferPool(1000)) {
            assertThrows(IllegalStateException.class, () -> pool.giveBack(java.lang.foreign.Arena.ofAuto().allocate(8)));
        }
    }

    @Test
    void freshBuffersAreAlignedWritableAndFreedOnClose() {
        try (BufferPool pool = new BufferPool(0)) {
            for (long bytes : new long[] {0, 1, 4000, 3L << 20}) {
                MemorySegment s = pool.take(bytes);
                assertEquals(bytes, s.byteSize());
                assertEquals(0, s.address() % 64, "64-byte aligned for vector loads");
                s.fill((byte) 7);
                if (bytes > 0) {
                    assertEquals(7, s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, bytes - 1));
                }
                pool.giveBack(s);
                if (bytes > 0) {
                    assertThrows(IllegalStateException.class, () -> s.get(java.lang.foreign.ValueLayout.JAVA_BYTE, bytes - 1),
                            "a buffer freed beyond the idle limit is no longer accessible");
                }
            }
        }
    }
}
