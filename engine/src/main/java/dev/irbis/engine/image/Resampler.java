package dev.irbis.engine.image;

import dev.irbis.engine.api.Interpolation;

/**
 * Resizes {@link Pixels} the way Pillow's {@code Image.resize} does, so that preprocessing matches
 * the pipelines models were trained with: separable, horizontal pass first, each pass rounded and
 * clamped to 0..255 as Pillow stores 8-bit intermediates. Bilinear uses Pillow's support window
 * (a triangle filter of radius {@code max(1, scale)} around each output centre), which makes
 * shrinking antialiased; nearest takes the source pixel containing {@code (i + 0.5) * scale}.
 */
public final class Resampler {
    private Resampler() {
    }

    public static Pixels resize(Pixels in, int outW, int outH, Interpolation interpolation) {
        if (outW < 1 || outH < 1) {
            throw new IllegalArgumentException("cannot resize to " + outW + "x" + outH);
        }
        if (outW == in.width() && outH == in.height()) {
            return in;
        }
        return interpolation == Interpolation.NEAREST ? nearest(in, outW, outH) : bilinear(in, outW, outH);
    }

    private static Pixels nearest(Pixels in, int outW, int outH) {
        int c = in.channels();
        int[] xs = nearestIndices(in.width(), outW);
        int[] ys = nearestIndices(in.height(), outH);
        float[] out = new float[outW * outH * c];
        float[] src = in.data();
        for (int y = 0; y < outH; y++) {
            for (int x = 0; x < outW; x++) {
                System.arraycopy(src, (ys[y] * in.width() + xs[x]) * c, out, (y * outW + x) * c, c);
            }
        }
        return new Pixels(outW, outH, c, out);
    }

    static int[] nearestIndices(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        int[] idx = new int[outSize];
        for (int i = 0; i < outSize; i++) {
            idx[i] = Math.min(inSize - 1, (int) ((i + 0.5) * scale));
        }
        return idx;
    }

    private static Pixels bilinear(Pixels in, int outW, int outH) {
        Pixels p = in;
        if (outW != in.width()) {
            p = pass(p, outW, true);
        }
        if (outH != in.height()) {
            p = pass(p, outH, false);
        }
        return p;
    }

    /** One separable pass along x ({@code horizontal}) or y. */
    private static Pixels pass(Pixels in, int outSize, boolean horizontal) {
        int c = in.channels();
        int inSize = horizontal ? in.width() : in.height();
        Window[] windows = windows(inSize, outSize);
        int w = horizontal ? outSize : in.width();
        int h = horizontal ? in.height() : outSize;
        float[] src = in.data();
        float[] out = new float[w * h * c];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                Window win = windows[horizontal ? x : y];
                for (int k = 0; k < c; k++) {
                    double s = 0;
                    for (int j = 0; j < win.weights.length; j++) {
                        int sx = horizontal ? win.first + j : x;
                        int sy = horizontal ? y : win.first + j;
                        s += win.weights[j] * src[(sy * in.width() + sx) * c + k];
                    }
                    out[(y * w + x) * c + k] = (float) Math.min(255, Math.max(0, Math.round(s)));
                }
            }
        }
        return new Pixels(w, h, c, out);
    }

    /** The source range and normalised triangle weights of each output index (Pillow's precompute_coeffs). */
    static Window[] windows(int inSize, int outSize) {
        double scale = (double) inSize / outSize;
        double filterScale = Math.max(scale, 1.0);
        double support = filterScale; // the bilinear filter has support 1
        Window[] ws = new Window[outSize];
        for (int i = 0; i < outSize; i++) {
            double centre = (i + 0.5) * scale;
            int lo = Math.max(0, (int) (centre - support + 0.5));
            int hi = Math.min(inSize, (int) (centre + support + 0.5));
            double[] w = new double[Math.max(0, hi - lo)];
            double total = 0;
            for (int j = 0; j < w.length; j++) {
                double t = Math.abs((lo + j - centre + 0.5) / filterScale);
                w[j] = t < 1 ? 1 - t : 0;
                total += w[j];
            }
            for (int j = 0; j < w.length; j++) {
                w[j] = total == 0 ? 0 : w[j] / total;
            }
            ws[i] = new Window(lo, w);
        }
        return ws;
    }

    record Window(int first, double[] weights) {
    }
}
