package dev.irbis.engine.api;

import dev.irbis.engine.InvalidInputException;
import dev.irbis.engine.ir.Dim;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.tensor.DataType;
import java.util.List;

/**
 * The geometry of one image in a model's input tensor: layout, channels and resolution, plus the
 * batch size when the model fixes it.
 *
 * @param fixedBatch the declared batch size, or 0 when it is dynamic
 */
public record ImageInputShape(ImageLayout layout, int channels, int height, int width, int fixedBatch) {
    public ImageInputShape {
        if (layout == null) {
            throw new IllegalArgumentException("layout is required");
        }
        if (channels != 1 && channels != 3) {
            throw new IllegalArgumentException("images have 1 or 3 channels, not " + channels);
        }
        if (height < 1 || width < 1) {
            throw new IllegalArgumentException("the image size must be positive, got " + width + "x" + height);
        }
        if (fixedBatch < 0) {
            throw new IllegalArgumentException("fixedBatch must be 0 (dynamic) or positive, got " + fixedBatch);
        }
    }

    /** The tensor shape for {@code n} images. */
    public long[] tensorShape(int n) {
        return layout == ImageLayout.NCHW ? new long[] {n, channels, height, width} : new long[] {n, height, width, channels};
    }

    /**
     * Reads the geometry from a model input declared as a rank-4 FLOAT tensor. The layout is NCHW
     * when dimension 1 is a fixed 1 or 3, NHWC when dimension 3 is and dimension 1 is not (when both
     * are, the one equal to the recipe's channel count wins, NCHW on a tie), and NCHW when neither is fixed. Fixed spatial dims are used as they are; a dynamic resolution takes
     * {@code requested} when given (height, width; null for none), else the preprocessing's default.
     */
    public static ImageInputShape resolve(ValueInfo input, Preprocessing p, int[] requested) {
        String who = "model input '" + input.name() + "' " + input.shapeString();
        if (input.type() != null && input.type() != DataType.FLOAT) {
            throw new InvalidInputException(who + " is " + input.type() + "; only FLOAT image inputs are supported");
        }
        List<Dim> d = input.dims();
        if (d != null && d.size() != 4) {
            throw new InvalidInputException(who + " has rank " + d.size() + "; an image input must have rank 4 (NCHW or NHWC)");
        }
        int wanted = p.channels().channels();
        ImageLayout layout = ImageLayout.NCHW;
        Dim c = null;
        Dim h = null;
        Dim w = null;
        Dim n = null;
        if (d != null) {
            n = d.get(0);
            // Prefer the axis that matches the recipe's channel count; this settles shapes such as [1,1,1,3].
            boolean nhwc = isChannelDim(d.get(3)) && (!isChannelDim(d.get(1)) || d.get(1).value() != wanted && d.get(3).value() == wanted);
            if (isChannelDim(d.get(1)) && !nhwc) {
                c = d.get(1);
                h = d.get(2);
                w = d.get(3);
            } else if (nhwc) {
                layout = ImageLayout.NHWC;
                h = d.get(1);
                w = d.get(2);
                c = d.get(3);
            } else {
                h = d.get(2);
                w = d.get(3);
            }
        }
        if (c != null && c.value() != wanted) {
            throw new InvalidInputException(who + " takes " + c.value() + "-channel images but preprocessing '" + p.name()
                    + "' produces " + wanted + " (" + p.channels() + "); choose channels " + (c.value() == 1 ? "GRAY" : "RGB or BGR"));
        }
        int height = pick(h, requested == null ? 0 : requested[0], p.defaultHeight(), who, "height");
        int width = pick(w, requested == null ? 0 : requested[1], p.defaultWidth(), who, "width");
        int batch = n != null && n.isFixed() ? (int) n.value() : 0;
        return new ImageInputShape(layout, wanted, height, width, batch);
    }

    private static boolean isChannelDim(Dim d) {
        return d.isFixed() && (d.value() == 1 || d.value() == 3);
    }

    private static int pick(Dim declared, int requested, int dflt, String who, String what) {
        if (declared != null && declared.isFixed()) {
            if (requested > 0 && requested != declared.value()) {
                throw new InvalidInputException(who + " fixes the image " + what + " at " + declared.value()
                        + " but " + requested + " was requested");
            }
            return Math.toIntExact(declared.value());
        }
        return requested > 0 ? requested : dflt;
    }
}
