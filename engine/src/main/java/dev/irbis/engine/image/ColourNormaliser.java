package dev.irbis.engine.image;

import java.awt.color.ColorSpace;
import java.awt.image.BufferedImage;
import java.awt.image.ColorModel;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.awt.image.Raster;

/**
 * Brings any decoded image to one of two forms: 8-bit gray ({@code TYPE_BYTE_GRAY}) for images whose
 * colour space is gray, 8-bit sRGB ({@code TYPE_INT_RGB}) for everything else. Transparent pixels
 * are composited onto white (the usual choice for photos and drawings saved with alpha). Gray
 * samples are read from the raster as stored: going through {@code getRGB} would apply Java2D's
 * linear-gray gamma conversion and change the values a model was trained on.
 */
public final class ColourNormaliser {
    private ColourNormaliser() {
    }

    public static BufferedImage normalise(BufferedImage src) {
        ColorModel cm = src.getColorModel();
        if (cm.getColorSpace().getType() == ColorSpace.TYPE_GRAY && cm.getNumColorComponents() == 1) {
            return gray(src, cm);
        }
        return rgb(src, cm.hasAlpha());
    }

    private static BufferedImage gray(BufferedImage src, ColorModel cm) {
        int w = src.getWidth();
        int h = src.getHeight();
        if (src.getType() == BufferedImage.TYPE_BYTE_GRAY && isCompact(src)) {
            return src;
        }
        Raster r = src.getRaster();
        int[] g = r.getSamples(0, 0, w, h, 0, (int[]) null);
        double gMax = (1L << cm.getComponentSize(0)) - 1;
        int[] a = cm.hasAlpha() ? r.getSamples(0, 0, w, h, 1, (int[]) null) : null;
        double aMax = cm.hasAlpha() ? (1L << cm.getComponentSize(1)) - 1 : 1;
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_BYTE_GRAY);
        byte[] dst = ((DataBufferByte) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < dst.length; i++) {
            double v = g[i] * 255.0 / gMax;
            if (a != null) {
                double alpha = a[i] / aMax;
                v = v * alpha + 255.0 * (1 - alpha);
            }
            dst[i] = (byte) Math.min(255, Math.max(0, (int) Math.round(v)));
        }
        return out;
    }

    private static BufferedImage rgb(BufferedImage src, boolean alpha) {
        int w = src.getWidth();
        int h = src.getHeight();
        if (src.getType() == BufferedImage.TYPE_INT_RGB && isCompact(src)) {
            return src;
        }
        int[] argb = src.getRGB(0, 0, w, h, null, 0, w);
        BufferedImage out = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        int[] dst = ((DataBufferInt) out.getRaster().getDataBuffer()).getData();
        for (int i = 0; i < dst.length; i++) {
            int p = argb[i];
            if (alpha) {
                int a = p >>> 24;
                p = (onWhite((p >> 16) & 0xFF, a) << 16) | (onWhite((p >> 8) & 0xFF, a) << 8) | onWhite(p & 0xFF, a);
            }
            dst[i] = p & 0xFFFFFF;
        }
        return out;
    }

    /** True when the raster's buffer holds exactly this image's pixels (not a sub-image view). */
    private static boolean isCompact(BufferedImage img) {
        Raster r = img.getRaster();
        long pixels = (long) img.getWidth() * img.getHeight();
        return r.getMinX() == 0 && r.getMinY() == 0 && r.getSampleModelTranslateX() == 0 && r.getSampleModelTranslateY() == 0
                && r.getSampleModel().getWidth() == img.getWidth() && r.getDataBuffer().getSize() == pixels
                && r.getDataBuffer().getNumBanks() == 1;
    }

    /** c*a + 255*(1-a) with a in 0..255, rounded. */
    static int onWhite(int c, int a) {
        return (c * a + 255 * (255 - a) + 127) / 255;
    }
}
