package dev.irbis.engine.api;

/** How {@link dev.irbis.engine.image.Resampler} computes resized pixels; both follow Pillow, which the reference pipelines use. */
public enum Interpolation {
    /** Pillow's BILINEAR: a triangle filter widened by the scale when shrinking (antialiased), as torchvision's Resize. */
    BILINEAR,
    /** Pillow's NEAREST: the source pixel under each output pixel's centre, as Keras' {@code load_img} default. */
    NEAREST
}
