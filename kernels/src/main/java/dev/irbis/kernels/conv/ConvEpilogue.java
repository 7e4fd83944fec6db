package dev.irbis.kernels.conv;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * What a convolution does to each output value after the dot products: {@code y = act(acc + bias[oc] + residual)}
 * with act ReLU or identity. {@code bias} is [M] or null; {@code residual} is null or dense float32 of the output's
 * shape (read at the output's own element offset). Applied one output-channel row at a time, right after the row
 * is computed, so the values are still in cache.
 */
public record ConvEpilogue(MemorySegment bias, MemorySegment residual, boolean relu) {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final ByteOrder LE = ByteOrder.LITTLE_ENDIAN;
    private static final ValueLayout.OfFloat F = ValueLayout.JAVA_FLOAT_UNALIGNED;

    /** No bias, no residual, no activation. */
    public static final ConvEpilogue NONE = new ConvEpilogue(null, null, false);

    public static ConvEpilogue bias(MemorySegment bias) {
        return new ConvEpilogue(bias, null, false);
    }

    /**
     * This epilogue for the part of the output that starts {@code offset} bytes in and is {@code length} bytes long
     * (a kernel run on some images of a batch): the residual is sliced alike.
     */
    public ConvEpilogue forSlice(long offset, long length) {
        return residual == null ? this : new ConvEpilogue(bias, residual.asSlice(offset, length), relu);
    }

    /** True when the epilogue changes nothing, so a kernel may skip the pass. */
    public boolean isIdentity() {
        return bias == null && residual == null && !relu;
    }

    private float biasOf(int oc) {
        return bias == null ? 0f : bias.getAtIndex(F, oc);
    }

    /** In place on {@code y[off, off + len)} (elements), all of output channel {@code oc}. */
    public void apply(MemorySegment y, long off, int len, int oc) {
        if (isIdentity()) {
            return;
        }
        float b = biasOf(oc);
        FloatVector bv = FloatVector.broadcast(S, b);
        FloatVector zero = FloatVector.zero(S);
        long base = off * 4;
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += S.length()) {
            long at = base + (long) i * 4;
            FloatVector v = FloatVector.fromMemorySegment(S, y, at, LE).add(bv);
            if (residual != null) {
                v = v.add(FloatVector.fromMemorySegment(S, residual, at, LE));
            }
            if (relu) {
                v = v.lanewise(VectorOperators.MAX, zero);
            }
            v.intoMemorySegment(y, at, LE);
        }
        for (; i < len; i++) {
            long e = off + i;
            y.setAtIndex(F, e, finish(y.getAtIndex(F, e) + b, e));
        }
    }

    /** Reads {@code src[srcOff, srcOff + len)}, writes the finished values to {@code y[off, off + len)}. */
    public void apply(float[] src, int srcOff, MemorySegment y, long off, int len, int oc) {
        float b = biasOf(oc);
        FloatVector bv = FloatVector.broadcast(S, b);
        FloatVector zero = FloatVector.zero(S);
        long base = off * 4;
        int i = 0;
        for (int bound = S.loopBound(len); i < bound; i += S.length()) {
            long at = base + (long) i * 4;
            FloatVector v = FloatVector.fromArray(S, src, srcOff + i).add(bv);
            if (residual != null) {
                v = v.add(FloatVector.fromMemorySegment(S, residual, at, LE));
            }
            if (relu) {
                v = v.lanewise(VectorOperators.MAX, zero);
            }
            v.intoMemorySegment(y, at, LE);
        }
        for (; i < len; i++) {
            long e = off + i;
            y.setAtIndex(F, e, finish(src[srcOff + i] + b, e));
        }
    }

    private float finish(float v, long e) {
        if (residual != null) {
            v += residual.getAtIndex(F, e);
        }
        return relu ? Math.max(v, 0f) : v;
    }
}
