package dev.irbis.engine.image;

import dev.irbis.engine.api.ChannelOrder;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;

/**
 * An image as floats in 0..255, interleaved (row-major, channels innermost), 1 or 3 channels in
 * the order a model wants (RGB, BGR or gray). The working form between decoding and the tensor.
 */
public record Pixels(int width, int height, int channels, float[] data) {
    public Pixels {
        if (width < 1 || height < 1) {
            throw new IllegalArgumentException("an image must be at least 1x1, got " + width + "x" + height);
        }
        if (data.length != (long) width * height * channels) {
            throw new IllegalArgumentException(data.length + " values for a " + width + "x" + height + "x" + channels + " image");
        }
    }

    public float get(int x, int y, int c) {
        return data[(y * width + x) * channels + c];
    }

    /**
     * Extracts the pixels of a normalised image (see {@link ColourNormaliser}) in the given channel
     * order. Gray images are repeated into three channels for colour models; colour images become
     * gray with ITU-R 601 luma in Pillow's fixed-point form ({@code (19595 R + 38470 G + 7471 B + 2^15) >> 16}),
     * so the values match what {@code PIL.Image.convert("L")} produced for training.
     */
    public static Pixels of(BufferedImage img, ChannelOrder order) {
        BufferedImage n = ColourNormaliser.normalise(img);
        int w = n.getWidth();
        int h = n.getHeight();
        int c = order.channels();
        float[] out = new float[w * h * c];
        if (n.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] g = ((DataBufferByte) n.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < w * h; i++) {
                float v = g[i] & 0xFF;
                for (int k = 0; k < c; k++) {
                    out[i * c + k] = v;
                }
            }
        } else {
            int[] rgb = ((DataBufferInt) n.getRaster().getDataBuffer()).getData();
            for (int i = 0; i < w * h; i++) {
                int r = (rgb[i] >> 16) & 0xFF;
                int g = (rgb[i] >> 8) & 0xFF;
                int b = rgb[i] & 0xFF;
                switch (order) {
                    case RGB -> {
                        out[i * 3] = r;
                        out[i * 3 + 1] = g;
                        out[i * 3 + 2] = b;
                    }
                    case BGR -> {
                        out[i * 3] = b;
                        out[i * 3 + 1] = g;
                        out[i * 3 + 2] = r;
                    }
                    case GRAY -> out[i] = (19595 * r + 38470 * g + 7471 * b + (1 << 15)) >> 16;
                }
            }
        }
        return new Pixels(w, h, c, out);
    }

    /**
     * The centred {@code cw x ch} window. The offsets round like torchvision's {@code CenterCrop}
     * ({@code round((size - crop) / 2)}, halves to even).
     */
    public Pixels centreCrop(int cw, int ch) {
        if (cw > width || ch > height) {
            throw new IllegalArgumentException("cannot crop " + cw + "x" + ch + " from a " + width + "x" + height + " image");
        }
        if (cw == width && ch == height) {
            return this;
        }
        int left = (int) Math.rint((width - cw) / 2.0);
        int top = (int) Math.rint((height - ch) / 2.0);
        float[] out = new float[cw * ch * channels];
        for (int y = 0; y < ch; y++) {
            System.arraycopy(data, ((top + y) * width + left) * channels, out, y * cw * channels, cw * channels);
        }
        return new Pixels(cw, ch, channels, out);
    }
}
