package dev.irbis.engine.api;

import dev.irbis.engine.image.Pixels;
import dev.irbis.engine.image.Resampler;
import dev.irbis.engine.image.TensorWriter;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.util.Arrays;
import java.util.List;

/**
 * How images become a model's input tensor: an immutable recipe of channel order, resize, centre
 * crop and per-channel normalisation {@code value = (pixel * scale - mean[c]) / std[c]}, with
 * pixels in 0..255 and {@code mean}/{@code std} given in the model's channel order.
 *
 * <p>Resizing follows Pillow (see {@link Interpolation}). Two resize modes exist:
 * <ul>
 * <li><b>shorter side, then centre crop</b> (torchvision): the shorter side becomes {@code resize}
 * and the longer one {@code floor(resize * long / short)}; the centre {@code crop} window is kept.
 * When the model's resolution differs from the recipe's crop, the resize scales with it
 * ({@code resize * modelSize / crop}, rounded), so the crop keeps covering the same share of the image.</li>
 * <li><b>stretch</b>: the whole image is resized to exactly the model's resolution (aspect ratio not kept).</li>
 * </ul>
 * The output resolution is the model's declared one; for a dynamic resolution it is the caller's
 * choice or the recipe's default.
 *
 * <table>
 * <caption>Presets</caption>
 * <tr><th>preset</th><th>channels</th><th>resize</th><th>default size</th><th>scale</th><th>mean</th><th>std</th><th>for</th></tr>
 * <tr><td>{@link #torchvision()}</td><td>RGB</td><td>shorter side 256 (bilinear), centre crop</td><td>224</td><td>1/255</td>
 *     <td>0.485, 0.456, 0.406</td><td>0.229, 0.224, 0.225</td><td>torchvision / timm ImageNet models, ONNX zoo ResNets</td></tr>
 * <tr><td>{@link #caffe()}</td><td>BGR</td><td>stretch (nearest, as Keras {@code load_img(target_size=...)})</td><td>224</td><td>1</td>
 *     <td>103.939, 116.779, 123.68 (B, G, R)</td><td>1</td><td>Keras ResNet50 ({@code preprocess_input}, "caffe" mode)</td></tr>
 * <tr><td>{@link #bit()}</td><td>RGB</td><td>stretch (bilinear)</td><td>224</td><td>1/127.5</td><td>1</td><td>1</td>
 *     <td>BiT (big_transfer): values in [-1, 1]</td></tr>
 * <tr><td>{@link #unit()}</td><td>RGB</td><td>stretch (bilinear)</td><td>224</td><td>1/255</td><td>0</td><td>1</td>
 *     <td>TF Hub image models: values in [0, 1]</td></tr>
 * </table>
 * Build other recipes with {@link #builder()} (for example MNIST: gray, 28x28, scale 1; or CIFAR-10:
 * RGB, 32x32, scale 1/255, mean 0.4914/0.4822/0.4465, std 0.2023/0.1994/0.2010).
 */
public final class Preprocessing {
    /** How the image is brought to the model's resolution. */
    public enum ResizeMode {
        /** Resize the shorter side, then take the centre crop (torchvision's Resize + CenterCrop). */
        SHORTER_SIDE_THEN_CROP,
        /** Resize to exactly the output size, ignoring the aspect ratio. */
        STRETCH
    }

    private final String name;
    private final ChannelOrder channels;
    private final ResizeMode resizeMode;
    private final int resize;
    private final int defaultHeight;
    private final int defaultWidth;
    private final Interpolation interpolation;
    private final float scale;
    private final float[] mean;
    private final float[] std;

    private Preprocessing(Builder b) {
        this.name = b.name;
        this.channels = b.channels;
        this.resizeMode = b.resizeMode;
        this.resize = b.resize;
        this.defaultHeight = b.height;
        this.defaultWidth = b.width;
        this.interpolation = b.interpolation;
        this.scale = b.scale;
        this.mean = perChannel(b.mean, "mean", b.channels.channels());
        this.std = perChannel(b.std, "std", b.channels.channels());
        for (float s : std) {
            if (!(s != 0 && Float.isFinite(s))) {
                throw new IllegalArgumentException("std values must be finite and non-zero, got " + Arrays.toString(std));
            }
        }
        if (!Float.isFinite(scale) || scale == 0) {
            throw new IllegalArgumentException("scale must be finite and non-zero, got " + scale);
        }
    }

    private static float[] perChannel(float[] v, String what, int channels) {
        if (v.length == 1) {
            float[] r = new float[channels];
            Arrays.fill(r, v[0]);
            return r;
        }
        if (v.length != channels) {
            throw new IllegalArgumentException(what + " needs one value or one per channel (" + channels + "), got "
                    + v.length + ": " + Arrays.toString(v));
        }
        return v.clone();
    }

    /** torchvision's ImageNet recipe: RGB, shorter side 256 (bilinear), centre crop 224, /255, ImageNet mean and std. */
    public static Preprocessing torchvision() {
        return builder().name("torchvision").channels(ChannelOrder.RGB).resizeShorterSide(256).centreCrop(224)
                .scale(1 / 255f).mean(0.485f, 0.456f, 0.406f).std(0.229f, 0.224f, 0.225f).build();
    }

    /**
     * Keras' "caffe" mode (ResNet50 {@code preprocess_input}): BGR, the ImageNet BGR means subtracted,
     * no scaling. Images are stretched to the model's size with nearest-neighbour sampling, which is
     * what {@code keras.preprocessing.image.load_img(path, target_size=(224, 224))} does by default.
     */
    public static Preprocessing caffe() {
        return builder().name("caffe").channels(ChannelOrder.BGR).stretchTo(224, 224).interpolation(Interpolation.NEAREST)
                .scale(1f).mean(103.939f, 116.779f, 123.68f).std(1f).build();
    }

    /** BiT (big_transfer): RGB stretched to the model's resolution (bilinear), {@code x / 127.5 - 1}, so values lie in [-1, 1]. */
    public static Preprocessing bit() {
        return builder().name("bit").channels(ChannelOrder.RGB).stretchTo(224, 224).scale(1 / 127.5f).mean(1f).std(1f).build();
    }

    /** TF Hub style: RGB stretched to the model's resolution (bilinear), {@code x / 255}, values in [0, 1]. */
    public static Preprocessing unit() {
        return builder().name("unit").channels(ChannelOrder.RGB).stretchTo(224, 224).scale(1 / 255f).mean(0f).std(1f).build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder starting from this recipe. */
    public Builder toBuilder() {
        Builder b = new Builder().name(name).channels(channels).interpolation(interpolation).scale(scale).mean(mean).std(std);
        b.resizeMode = resizeMode;
        b.resize = resize;
        b.height = defaultHeight;
        b.width = defaultWidth;
        return b;
    }

    public String name() {
        return name;
    }

    public ChannelOrder channels() {
        return channels;
    }

    public ResizeMode resizeMode() {
        return resizeMode;
    }

    /** The shorter-side target for {@link ResizeMode#SHORTER_SIDE_THEN_CROP}; 0 for stretch. */
    public int resizeShorterSide() {
        return resize;
    }

    /** The output height used when the model's resolution is dynamic. */
    public int defaultHeight() {
        return defaultHeight;
    }

    public int defaultWidth() {
        return defaultWidth;
    }

    public Interpolation interpolation() {
        return interpolation;
    }

    public float scale() {
        return scale;
    }

    public float[] mean() {
        return mean.clone();
    }

    public float[] std() {
        return std.clone();
    }

    /** Resizes and crops one image to {@code shape}'s resolution, in this recipe's channel order (values 0..255). */
    public Pixels pixels(BufferedImage image, ImageInputShape shape) {
        checkChannels(shape);
        Pixels px = Pixels.of(image, channels);
        int outW = shape.width();
        int outH = shape.height();
        if (resizeMode == ResizeMode.STRETCH) {
            return Resampler.resize(px, outW, outH, interpolation);
        }
        // Scale the shorter-side target with the output size so that the crop ratio stays the recipe's.
        double ratio = (double) resize / Math.min(defaultWidth, defaultHeight);
        int target = Math.max(Math.max(outW, outH), (int) Math.round(ratio * Math.min(outW, outH)));
        int w = px.width();
        int h = px.height();
        int rw;
        int rh;
        if (w <= h) {
            rw = target;
            rh = (int) ((long) target * h / w);
        } else {
            rh = target;
            rw = (int) ((long) target * w / h);
        }
        return Resampler.resize(px, rw, rh, interpolation).centreCrop(outW, outH);
    }

    /** One FLOAT tensor holding every image, laid out as {@code shape} says; the caller closes it. */
    public Tensor toTensor(List<BufferedImage> images, ImageInputShape shape) {
        if (images.isEmpty()) {
            throw new IllegalArgumentException("no images given");
        }
        checkChannels(shape);
        TensorWriter writer = new TensorWriter(shape.layout(), scale, mean, std);
        Tensor t = Tensor.allocate(DataType.FLOAT, shape.tensorShape(images.size()));
        try {
            for (int i = 0; i < images.size(); i++) {
                writer.write(pixels(images.get(i), shape), t, i);
            }
            return t;
        } catch (RuntimeException e) {
            t.close();
            throw e;
        }
    }

    private void checkChannels(ImageInputShape shape) {
        if (shape.channels() != channels.channels()) {
            throw new IllegalArgumentException("preprocessing '" + name + "' produces " + channels.channels()
                    + " channels but the input shape has " + shape.channels());
        }
    }

    @Override
    public String toString() {
        return name + "{" + channels + ", " + (resizeMode == ResizeMode.STRETCH ? "stretch" : "shorter side " + resize + ", crop")
                + " " + defaultWidth + "x" + defaultHeight + " " + interpolation + ", scale " + scale + ", mean "
                + Arrays.toString(mean) + ", std " + Arrays.toString(std) + "}";
    }

    /** Builds a custom recipe; defaults: RGB, stretch to 224x224 bilinear, scale 1/255, mean 0, std 1. */
    public static final class Builder {
        private String name = "custom";
        private ChannelOrder channels = ChannelOrder.RGB;
        private ResizeMode resizeMode = ResizeMode.STRETCH;
        private int resize;
        private int height = 224;
        private int width = 224;
        private Interpolation interpolation = Interpolation.BILINEAR;
        private float scale = 1 / 255f;
        private float[] mean = {0f};
        private float[] std = {1f};

        private Builder() {
        }

        public Builder name(String n) {
            if (n == null || n.isBlank()) {
                throw new IllegalArgumentException("the name must not be blank");
            }
            this.name = n;
            return this;
        }

        public Builder channels(ChannelOrder c) {
            this.channels = java.util.Objects.requireNonNull(c, "channels");
            return this;
        }

        /** Resize the shorter side to {@code size}, then centre-crop (set the crop with {@link #centreCrop}). */
        public Builder resizeShorterSide(int size) {
            positive(size, "resize");
            this.resizeMode = ResizeMode.SHORTER_SIDE_THEN_CROP;
            this.resize = size;
            return this;
        }

        /** The square centre crop after {@link #resizeShorterSide}; also the default output size. */
        public Builder centreCrop(int size) {
            return centreCrop(size, size);
        }

        public Builder centreCrop(int height, int width) {
            positive(height, "crop height");
            positive(width, "crop width");
            this.height = height;
            this.width = width;
            return this;
        }

        /** Stretch the whole image to {@code height x width} (the default output size). */
        public Builder stretchTo(int height, int width) {
            positive(height, "height");
            positive(width, "width");
            this.resizeMode = ResizeMode.STRETCH;
            this.resize = 0;
            this.height = height;
            this.width = width;
            return this;
        }

        public Builder interpolation(Interpolation i) {
            this.interpolation = java.util.Objects.requireNonNull(i, "interpolation");
            return this;
        }

        /** Multiplies each 0..255 pixel first (1/255 for [0,1], 1 for raw values). */
        public Builder scale(float s) {
            this.scale = s;
            return this;
        }

        /** Subtracted after scaling: one value for all channels or one per channel, in the model's channel order. */
        public Builder mean(float... m) {
            if (m.length == 0) {
                throw new IllegalArgumentException("mean needs at least one value");
            }
            this.mean = m.clone();
            return this;
        }

        /** Divides after the mean: one value for all channels or one per channel. */
        public Builder std(float... s) {
            if (s.length == 0) {
                throw new IllegalArgumentException("std needs at least one value");
            }
            this.std = s.clone();
            return this;
        }

        public Preprocessing build() {
            if (resizeMode == ResizeMode.SHORTER_SIDE_THEN_CROP && resize < Math.min(height, width)) {
                throw new IllegalArgumentException("the shorter side (" + resize + ") must be at least the crop ("
                        + width + "x" + height + ")");
            }
            return new Preprocessing(this);
        }

        private static void positive(int v, String what) {
            if (v < 1) {
                throw new IllegalArgumentException(what + " must be positive, got " + v);
            }
        }
    }
}
