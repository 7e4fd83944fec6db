package dev.irbis.engine.tensor;

import dev.irbis.engine.ResourceLimitException;
import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A dense row-major tensor: element type, shape and the memory that holds it. The shape and type
 * never change. A tensor either owns its memory (allocated by {@link #allocate}, freed by
 * {@link #close}) or views memory owned elsewhere (a model's weights, a caller's array), in which
 * case {@link #close} does nothing. {@link #reshaped} views share ownership: the memory is freed
 * when the last of the tensor and its views is closed.
 */
public final class Tensor implements AutoCloseable {
    /** Kernels may use aligned vector loads and OpenBLAS likes cache-line alignment. */
    public static final long ALIGNMENT = 64;
    /**
     * No single tensor may exceed this: half the machine's physical memory (at least 1 GiB). It guards
     * against hostile shapes before any allocation, since a larger request would end in the OS killing
     * the process rather than in an exception.
     */
    public static final long MAX_BYTES = Math.max(1L << 30, physicalMemory() / 2);

    private static long physicalMemory() {
        if (java.lang.management.ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
            return os.getTotalMemorySize();
        }
        return 64L << 30;
    }

    /** Gives a tensor's memory back when the tensor is closed (frees it, or returns it to a pool). */
    @FunctionalInterface
    public interface Releaser {
        void release(MemorySegment data);
    }

    /** Owned memory, shared by a tensor and its reshaped views; released when the last holder closes. */
    private static final class Storage {
        private final Releaser owner;
        private final AtomicInteger holders = new AtomicInteger(1);

        private Storage(Releaser owner) {
            this.owner = owner;
        }

        /** One more holder, unless the last one has already released the memory. */
        boolean retain() {
            for (int n = holders.get(); n > 0; n = holders.get()) {
                if (holders.compareAndSet(n, n + 1)) {
                    return true;
                }
            }
            return false;
        }
    }

    private final DataType type;
    private final long[] shape;
    private final long size;
    private final MemorySegment data;
    /** Null when the memory is owned elsewhere. */
    private final Storage storage;
    private final AtomicBoolean released = new AtomicBoolean();

    private Tensor(DataType type, long[] shape, MemorySegment data, Releaser owner) {
        this(owner == null ? null : new Storage(owner), type, shape, data);
    }

    private Tensor(Storage storage, DataType type, long[] shape, MemorySegment data) {
        this.type = type;
        this.shape = shape.clone();
        this.size = Shape.size(this.shape);
        this.data = data;
        this.storage = storage;
    }

    /** Zero-filled native memory owned by the new tensor; free it with {@link #close}. */
    public static Tensor allocate(DataType type, long... shape) {
        long bytes = checkedBytes(type, shape);
        Arena arena = Arena.ofShared();
        return new Tensor(type, shape, arena.allocate(Math.max(bytes, 1), ALIGNMENT).asSlice(0, bytes), seg -> arena.close());
    }

    /**
     * A tensor over memory lent by an allocator (a buffer pool): {@code data} must hold exactly the
     * elements; the segment goes to {@code releaser} once, when the tensor and all its {@link #reshaped}
     * views are closed.
     */
    public static Tensor lent(DataType type, long[] shape, MemorySegment data, Releaser releaser) {
        long bytes = checkedBytes(type, shape);
        if (data.byteSize() != bytes) {
            throw new IllegalArgumentException("segment of " + data.byteSize() + " bytes cannot hold " + type + Shape.format(shape));
        }
        return new Tensor(type, shape, data, releaser);
    }

    /** The byte size of a tensor of this type and shape; throws for hostile sizes before any allocation. */
    public static long byteSize(DataType type, long... shape) {
        return checkedBytes(type, shape);
    }

    /** Zero-filled native memory freed by the garbage collector (for values handed to callers). */
    public static Tensor allocateCollected(DataType type, long... shape) {
        long bytes = checkedBytes(type, shape);
        return new Tensor(type, shape, Arena.ofAuto().allocate(Math.max(bytes, 1), ALIGNMENT).asSlice(0, bytes), null);
    }

    /** Views existing memory without taking ownership; the segment must hold exactly the elements. */
    public static Tensor wrap(DataType type, long[] shape, MemorySegment data) {
        long bytes = checkedBytes(type, shape);
        if (data.byteSize() != bytes) {
            throw new IllegalArgumentException("segment of " + data.byteSize() + " bytes cannot hold " + type + Shape.format(shape));
        }
        return new Tensor(type, shape, data, null);
    }

    public static Tensor ofFloats(long[] shape, float... values) {
        Tensor t = allocateCollected(DataType.FLOAT, shape);
        checkCount(t, values.length);
        MemorySegment.copy(values, 0, t.data, ValueLayout.JAVA_FLOAT, 0, values.length);
        return t;
    }

    public static Tensor ofLongs(long[] shape, long... values) {
        Tensor t = allocateCollected(DataType.INT64, shape);
        checkCount(t, values.length);
        MemorySegment.copy(values, 0, t.data, ValueLayout.JAVA_LONG, 0, values.length);
        return t;
    }

    public static Tensor scalarFloat(float v) {
        return ofFloats(new long[0], v);
    }

    public static Tensor scalarLong(long v) {
        return ofLongs(new long[0], v);
    }

    private static void checkCount(Tensor t, int n) {
        if (t.size != n) {
            throw new IllegalArgumentException(n + " values given for shape " + Shape.format(t.shape));
        }
    }

    private static long checkedBytes(DataType type, long[] shape) {
        long n = Shape.size(shape);
        if (n > MAX_BYTES / type.byteSize()) {
            throw new ResourceLimitException("a tensor of " + type + Shape.format(shape) + " would need more than "
                    + (MAX_BYTES >> 30) + " GiB (half this machine's memory)");
        }
        return n * type.byteSize();
    }

    public DataType dataType() {
        return type;
    }

    public long[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public long dim(int i) {
        return shape[i];
    }

    /** Number of elements. */
    public long size() {
        return size;
    }

    public MemorySegment data() {
        return data;
    }

    public boolean isNative() {
        return data.isNative();
    }

    public float getFloat(long i) {
        return type == DataType.FLOAT ? data.getAtIndex(ValueLayout.JAVA_FLOAT, i) : (float) type.getDouble(data, i);
    }

    public void setFloat(long i, float v) {
        if (type == DataType.FLOAT) {
            data.setAtIndex(ValueLayout.JAVA_FLOAT, i, v);
        } else {
            type.setDouble(data, i, v);
        }
    }

    public long getLong(long i) {
        return type.getLong(data, i);
    }

    public void setLong(long i, long v) {
        type.setLong(data, i, v);
    }

    public double getDouble(long i) {
        return type.getDouble(data, i);
    }

    public void setDouble(long i, double v) {
        type.setDouble(data, i, v);
    }

    /** All elements converted to float (a copy). */
    public float[] toFloatArray() {
        checkArraySize();
        if (type == DataType.FLOAT) {
            return data.toArray(ValueLayout.JAVA_FLOAT);
        }
        float[] out = new float[(int) size];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) type.getDouble(data, i);
        }
        return out;
    }

    /** All elements converted to long (a copy). */
    public long[] toLongArray() {
        checkArraySize();
        long[] out = new long[(int) size];
        for (int i = 0; i < out.length; i++) {
            out[i] = type.getLong(data, i);
        }
        return out;
    }

    private void checkArraySize() {
        if (size > Integer.MAX_VALUE - 8) {
            throw new ResourceLimitException("tensor " + type + Shape.format(shape) + " is too large for a Java array");
        }
    }

    /** A copy of this tensor in memory owned by the copy (see {@link #allocate}). */
    public Tensor copy() {
        Tensor t = allocate(type, shape);
        MemorySegment.copy(data, 0, t.data, 0, data.byteSize());
        return t;
    }

    /** A copy in garbage-collected memory, safe to hand to a caller. */
    public Tensor copyCollected() {
        Tensor t = allocateCollected(type, shape);
        MemorySegment.copy(data, 0, t.data, 0, data.byteSize());
        return t;
    }

    /** A copy with another shape of the same element count. */
    public Tensor reshapedCopy(long[] newShape) {
        Tensor t = allocate(type, newShape);
        if (t.size != size) {
            t.close();
            throw new IllegalArgumentException("cannot reshape " + Shape.format(shape) + " to " + Shape.format(newShape));
        }
        MemorySegment.copy(data, 0, t.data, 0, data.byteSize());
        return t;
    }

    /**
     * The same elements under another shape of the same element count, without copying (what
     * Reshape, Flatten, Squeeze and Unsqueeze produce). The view shares this tensor's memory and its
     * ownership: the memory is freed once this tensor and all its views are closed, in any order.
     * Writes through either show in both: sharing is safe because operators never write their
     * inputs, and a view must not be written either.
     */
    public Tensor reshaped(long... newShape) {
        if (Shape.size(newShape) != size) {
            throw new IllegalArgumentException("cannot reshape " + Shape.format(shape) + " to " + Shape.format(newShape));
        }
        if (storage != null && (released.get() || !storage.retain())) {
            throw new IllegalStateException("tensor " + this + " is closed");
        }
        return new Tensor(storage, type, newShape, data);
    }

    /** True when this tensor owns its memory, alone or with its views (and {@link #close} may free it). */
    public boolean ownsMemory() {
        return storage != null;
    }

    @Override
    public void close() {
        if (storage != null && released.compareAndSet(false, true) && storage.holders.decrementAndGet() == 0) {
            storage.owner.release(data);
        }
    }

    @Override
    public String toString() {
        return type + Arrays.toString(shape);
    }
}
