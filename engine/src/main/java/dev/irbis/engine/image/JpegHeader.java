package dev.irbis.engine.image;

/**
 * What Irbis needs from a JPEG's marker segments before decoding: the EXIF orientation (APP1
 * "Exif" segment, IFD0 tag 0x0112) and the colour components of the frame (SOF), so that CMYK and
 * YCCK files, which {@code javax.imageio} decodes wrongly or not at all, are refused by name.
 *
 * @param orientation EXIF orientation 1..8 (1 when absent or invalid)
 * @param components colour components of the frame (1 gray, 3 YCbCr/RGB, 4 CMYK/YCCK; 0 if no frame header was found)
 * @param adobeTransform the Adobe APP14 colour transform (0 none, 1 YCbCr, 2 YCCK), -1 when there is no Adobe segment
 */
public record JpegHeader(int orientation, int components, int adobeTransform) {
    private static final int EXIF_ORIENTATION_TAG = 0x0112;

    /** True when the bytes start with the JPEG start-of-image marker. */
    public static boolean isJpeg(byte[] b) {
        return b.length >= 3 && (b[0] & 0xFF) == 0xFF && (b[1] & 0xFF) == 0xD8 && (b[2] & 0xFF) == 0xFF;
    }

    /** Scans the marker segments up to the first scan; tolerant of truncated or odd files (defaults). */
    public static JpegHeader parse(byte[] b) {
        int orientation = 1;
        int components = 0;
        int adobe = -1;
        int p = 2;
        while (p + 4 <= b.length) {
            if ((b[p] & 0xFF) != 0xFF) {
                break;
            }
            int marker = b[p + 1] & 0xFF;
            if (marker == 0xFF) {
                p++; // fill byte
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) {
                p += 2; // standalone markers carry no length
                continue;
            }
            if (marker == 0xD9 || marker == 0xDA) {
                break; // end of image or start of scan: no more headers
            }
            int len = u16(b, p + 2, true);
            int data = p + 4;
            int end = Math.min(b.length, p + 2 + len);
            if (len < 2) {
                break;
            }
            if (marker == 0xE1 && end - data >= 14 && startsWith(b, data, "Exif\0\0")) {
                orientation = exifOrientation(b, data + 6, end);
            } else if (marker == 0xEE && end - data >= 12 && startsWith(b, data, "Adobe")) {
                adobe = b[data + 11] & 0xFF;
            } else if (isStartOfFrame(marker) && end - data >= 6) {
                components = b[data + 5] & 0xFF;
            }
            p += 2 + len;
        }
        return new JpegHeader(orientation, components, adobe);
    }

    private static boolean isStartOfFrame(int m) {
        return m >= 0xC0 && m <= 0xCF && m != 0xC4 && m != 0xC8 && m != 0xCC;
    }

    /** Reads IFD0's Orientation from the TIFF structure starting at {@code tiff}; 1 when absent or malformed. */
    static int exifOrientation(byte[] b, int tiff, int end) {
        if (tiff + 8 > end) {
            return 1;
        }
        boolean bigEndian;
        if (b[tiff] == 'M' && b[tiff + 1] == 'M') {
            bigEndian = true;
        } else if (b[tiff] == 'I' && b[tiff + 1] == 'I') {
            bigEndian = false;
        } else {
            return 1;
        }
        if (u16(b, tiff + 2, bigEndian) != 42) {
            return 1;
        }
        long ifd = u32(b, tiff + 4, bigEndian);
        if (ifd < 8 || tiff + ifd + 2 > end) {
            return 1;
        }
        int at = (int) (tiff + ifd);
        int count = u16(b, at, bigEndian);
        for (int i = 0; i < count; i++) {
            int e = at + 2 + 12 * i;
            if (e + 12 > end) {
                return 1;
            }
            if (u16(b, e, bigEndian) == EXIF_ORIENTATION_TAG) {
                int type = u16(b, e + 2, bigEndian);
                // SHORT is the standard type; a LONG written by a sloppy tool is accepted too.
                int v = type == 3 ? u16(b, e + 8, bigEndian) : type == 4 ? (int) u32(b, e + 8, bigEndian) : 1;
                return v >= 1 && v <= 8 ? v : 1;
            }
        }
        return 1;
    }

    private static boolean startsWith(byte[] b, int at, String s) {
        for (int i = 0; i < s.length(); i++) {
            if (b[at + i] != (byte) s.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private static int u16(byte[] b, int at, boolean bigEndian) {
        int x = b[at] & 0xFF;
        int y = b[at + 1] & 0xFF;
        return bigEndian ? (x << 8) | y : (y << 8) | x;
    }

    private static long u32(byte[] b, int at, boolean bigEndian) {
        long hi = u16(b, bigEndian ? at : at + 2, bigEndian);
        long lo = u16(b, bigEndian ? at + 2 : at, bigEndian);
        return (hi << 16) | lo;
    }
}
