package dev.irbis.engine.image;

/**
 * Turns a stored raster upright according to its EXIF orientation (1..8), as cameras record it:
 * 1 as stored, 2 mirrored left-right, 3 rotated 180, 4 mirrored top-bottom, 5 transposed (mirror
 * across the main diagonal), 6 needs a 90-degree clockwise turn, 7 transversed (mirror across the
 * anti-diagonal), 8 needs a 90-degree counter-clockwise turn.
 */
public final class Orientation {
    private Orientation() {
    }

    /** True when the orientation swaps width and height (5..8). */
    public static boolean swapsAxes(int orientation) {
        return orientation >= 5 && orientation <= 8;
    }

    /**
     * For an upright output pixel (x, y), the index of the stored pixel it comes from; {@code w} and
     * {@code h} are the STORED width and height.
     */
    static int sourceIndex(int orientation, int x, int y, int w, int h) {
        return switch (orientation) {
            case 2 -> y * w + (w - 1 - x);
            case 3 -> (h - 1 - y) * w + (w - 1 - x);
            case 4 -> (h - 1 - y) * w + x;
            case 5 -> x * w + y;
            case 6 -> (h - 1 - x) * w + y;
            case 7 -> (h - 1 - x) * w + (w - 1 - y);
            case 8 -> x * w + (w - 1 - y);
            default -> y * w + x;
        };
    }

    /** Reorders packed pixels (one int per pixel) of a stored {@code w x h} raster. */
    public static int[] apply(int[] px, int w, int h, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return px;
        }
        int ow = swapsAxes(orientation) ? h : w;
        int oh = swapsAxes(orientation) ? w : h;
        int[] out = new int[px.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                out[y * ow + x] = px[sourceIndex(orientation, x, y, w, h)];
            }
        }
        return out;
    }

    /** As {@link #apply(int[], int, int, int)} for one byte per pixel (gray). */
    public static byte[] apply(byte[] px, int w, int h, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return px;
        }
        int ow = swapsAxes(orientation) ? h : w;
        int oh = swapsAxes(orientation) ? w : h;
        byte[] out = new byte[px.length];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                out[y * ow + x] = px[sourceIndex(orientation, x, y, w, h)];
            }
        }
        return out;
    }
}
