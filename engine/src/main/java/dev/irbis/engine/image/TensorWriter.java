package dev.irbis.engine.image;

import dev.irbis.engine.api.ImageLayout;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;

/**
 * Writes one image into a FLOAT tensor of shape [N,C,H,W] or [N,H,W,C], normalising each value as
 * {@code (pixel * scale - mean[c]) / std[c]} in float arithmetic (the order torchvision uses:
 * scale first, then subtract the mean, then divide by the standard deviation).
 */
public final class TensorWriter {
    private final ImageLayout layout;
    private final float scale;
    private final float[] mean;
    private final float[] std;

    /** {@code mean} and {@code std} hold one value per channel, in the tensor's channel order. */
    public TensorWriter(ImageLayout layout, float scale, float[] mean, float[] std) {
        this.layout = layout;
        this.scale = scale;
        this.mean = mean.clone();
        this.std = std.clone();
    }

    public void write(Pixels px, Tensor target, int batchIndex) {
        if (target.dataType() != DataType.FLOAT || target.rank() != 4) {
            throw new IllegalArgumentException("the target must be a rank-4 FLOAT tensor, got " + target);
        }
        int c = px.channels();
        int h = px.height();
        int w = px.width();
        long[] expected = layout == ImageLayout.NCHW ? new long[] {c, h, w} : new long[] {h, w, c};
        for (int i = 0; i < 3; i++) {
            if (target.dim(i + 1) != expected[i]) {
                throw new IllegalArgumentException("a " + w + "x" + h + "x" + c + " image does not fit " + target + " (" + layout + ")");
            }
        }
        MemorySegment seg = target.data();
        long base = (long) batchIndex * c * h * w;
        float[] src = px.data();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                for (int k = 0; k < c; k++) {
                    float v = (src[(y * w + x) * c + k] * scale - mean[k]) / std[k];
                    long at = layout == ImageLayout.NCHW ? ((long) k * h + y) * w + x : ((long) y * w + x) * c + k;
                    seg.setAtIndex(ValueLayout.JAVA_FLOAT, base + at, v);
                }
            }
        }
    }
}
