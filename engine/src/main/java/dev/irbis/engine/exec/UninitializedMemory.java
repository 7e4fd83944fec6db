package dev.irbis.engine.exec;

import java.lang.foreign.AddressLayout;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * Native memory that is not zero-filled: the C library's {@code posix_memalign} and {@code free}.
 * {@link Arena#allocate} zero-fills every new segment on the calling thread, so the first touch of
 * every fresh page (the page fault, a large cost on virtual machines) happens on one thread before
 * the kernel that fills the buffer runs. Buffers from here fault their pages in as the kernel writes
 * them, on the threads it writes them with (all of the run's, for the parallel kernels). Only for
 * buffers whose every byte is written before it is read.
 *
 * <p>Unlike {@link Arena#allocate}, this memory does not count against {@code -XX:MaxDirectMemorySize};
 * the pool's idle limit and {@code Tensor.MAX_BYTES} (per buffer) still apply. Falls back to {@link Arena#allocate}
 * where the C library cannot be called (native access denied, or another platform).
 */
final class UninitializedMemory {
    private static final MethodHandle POSIX_MEMALIGN;
    private static final MethodHandle FREE;

    static {
        MethodHandle memalign = null;
        MethodHandle free = null;
        try {
            Linker linker = Linker.nativeLinker();
            var lookup = linker.defaultLookup();
            var sizeT = linker.canonicalLayouts().get("size_t");
            if (!(sizeT instanceof ValueLayout.OfLong)) {
                throw new UnsupportedOperationException("size_t is not 64 bits here");
            }
            memalign = linker.downcallHandle(lookup.find("posix_memalign").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, sizeT, sizeT));
            free = linker.downcallHandle(lookup.find("free").orElseThrow(), FunctionDescriptor.ofVoid(ValueLayout.ADDRESS));
        } catch (Throwable e) {
            memalign = null;
            free = null;
        }
        POSIX_MEMALIGN = memalign;
        FREE = free;
    }

    private UninitializedMemory() {
    }

    /**
     * {@code bytes} bytes aligned to {@code alignment} (a power of two, at least the pointer size),
     * with arbitrary contents, freed when {@code arena} closes.
     */
    static MemorySegment allocate(Arena arena, long bytes, long alignment) {
        long size = Math.max(bytes, 1);
        if (POSIX_MEMALIGN == null) {
            return arena.allocate(size, alignment).asSlice(0, bytes);
        }
        MemorySegment address;
        try (Arena call = Arena.ofConfined()) {
            MemorySegment out = call.allocate(AddressLayout.ADDRESS);
            int rc = (int) POSIX_MEMALIGN.invokeExact(out, alignment, size);
            if (rc != 0) {
                throw new OutOfMemoryError("cannot allocate " + size + " bytes of native memory (posix_memalign error " + rc + ")");
            }
            address = out.get(AddressLayout.ADDRESS, 0);
        } catch (OutOfMemoryError e) {
            throw e;
        } catch (Throwable e) {
            throw new IllegalStateException("posix_memalign failed", e);
        }
        return address.reinterpret(size, arena, UninitializedMemory::free).asSlice(0, bytes);
    }

    private static void free(MemorySegment segment) {
        try {
            FREE.invokeExact(segment);
        } catch (Throwable e) {
            throw new IllegalStateException("free failed", e);
        }
    }
}
