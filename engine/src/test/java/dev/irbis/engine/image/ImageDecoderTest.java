package dev.irbis.engine.image;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.engine.InvalidInputException;
import dev.irbis.engine.api.ChannelOrder;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageDecoderTest {
    @TempDir
    Path tmp;

    private static byte[] encode(BufferedImage img, String format) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertTrue(ImageIO.write(img, format, out), "no writer for " + format);
        return out.toByteArray();
    }

    /** A big-endian EXIF APP1 segment holding only IFD0's Orientation. */
    private static byte[] exifApp1(int orientation) {
        byte[] tiff = {'M', 'M', 0, 42, 0, 0, 0, 8, 0, 1, 0x01, 0x12, 0, 3, 0, 0, 0, 1, 0, (byte) orientation, 0, 0, 0, 0, 0, 0, 0, 0};
        byte[] seg = new byte[4 + 6 + tiff.length];
        int len = seg.length - 2;
        seg[0] = (byte) 0xFF;
        seg[1] = (byte) 0xE1;
        seg[2] = (byte) (len >> 8);
        seg[3] = (byte) len;
        System.arraycopy("Exif\0\0".getBytes(java.nio.charset.StandardCharsets.ISO_8859_1), 0, seg, 4, 6);
        System.arraycopy(tiff, 0, seg, 10, tiff.length);
        return seg;
    }

    private static byte[] withSegmentAfterSoi(byte[] jpeg, byte[] segment) {
        byte[] out = new byte[jpeg.length + segment.length];
        System.arraycopy(jpeg, 0, out, 0, 2);
        System.arraycopy(segment, 0, out, 2, segment.length);
        System.arraycopy(jpeg, 2, out, 2 + segment.length, jpeg.length - 2);
        return out;
    }

    @Test
    void orientationsMatchTheExifDefinitions() {
        // stored 3x2:  a b c / d e f
        int[] px = {'a', 'b', 'c', 'd', 'e', 'f'};
        assertArrayEquals(px, Orientation.apply(px, 3, 2, 1));
        assertArrayEquals(new int[] {'c', 'b', 'a', 'f', 'e', 'd'}, Orientation.apply(px, 3, 2, 2));
        assertArrayEquals(new int[] {'f', 'e', 'd', 'c', 'b', 'a'}, Orientation.apply(px, 3, 2, 3));
        assertArrayEquals(new int[] {'d', 'e', 'f', 'a', 'b', 'c'}, Orientation.apply(px, 3, 2, 4));
        // the rest come out 2 wide, 3 tall
        assertArrayEquals(new int[] {'a', 'd', 'b', 'e', 'c', 'f'}, Orientation.apply(px, 3, 2, 5));
        assertArrayEquals(new int[] {'d', 'a', 'e', 'b', 'f', 'c'}, Orientation.apply(px, 3, 2, 6));
        assertArrayEquals(new int[] {'f', 'c', 'e', 'b', 'd', 'a'}, Orientation.apply(px, 3, 2, 7));
        assertArrayEquals(new int[] {'c', 'f', 'b', 'e', 'a', 'd'}, Orientation.apply(px, 3, 2, 8));
    }

    @Test
    void jpegExifOrientationIsApplied() throws IOException {
        // 32x16: left half red, right half blue; orientation 6 turns it clockwise: top half red, bottom blue.
        BufferedImage img = new BufferedImage(32, 16, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 16; y++) {
            for (int x = 0; x < 32; x++) {
                img.setRGB(x, y, x < 16 ? 0xFF0000 : 0x0000FF);
            }
        }
        byte[] jpeg = withSegmentAfterSoi(encode(img, "jpg"), exifApp1(6));
        assertEquals(6, JpegHeader.parse(jpeg).orientation());
        assertEquals(3, JpegHeader.parse(jpeg).components());
        Path file = tmp.resolve("turned.jpg");
        Files.write(file, jpeg);
        BufferedImage up = ImageDecoder.read(file);
        assertEquals(16, up.getWidth());
        assertEquals(32, up.getHeight());
        Pixels p = Pixels.of(up, ChannelOrder.RGB);
        assertTrue(p.get(8, 4, 0) > 200 && p.get(8, 4, 2) < 60, "top should be red");
        assertTrue(p.get(8, 28, 2) > 200 && p.get(8, 28, 0) < 60, "bottom should be blue");
    }

    @Test
    void cmykAndYcckJpegsAreRefusedByName() {
        // SOI, SOF0 with 4 components, EOI: enough for the header check, which runs before decoding.
        byte[] sof = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xC0, 0, 20, 8, 0, 4, 0, 4, 4,
            1, 0x11, 0, 2, 0x11, 0, 3, 0x11, 0, 4, 0x11, 0, (byte) 0xFF, (byte) 0xD9};
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageDecoder.read(sof, "photo.jpg"));
        assertEquals("photo.jpg: CMYK JPEG images are not supported; convert to RGB", e.getMessage());
        byte[] adobe = {(byte) 0xFF, (byte) 0xEE, 0, 14, 'A', 'd', 'o', 'b', 'e', 0, 100, 0, 0, 0, 0, 2};
        byte[] ycck = withSegmentAfterSoi(sof, adobe);
        e = assertThrows(InvalidInputException.class, () -> ImageDecoder.read(ycck, "scan.jpg"));
        assertTrue(e.getMessage().startsWith("scan.jpg: YCCK"), e.getMessage());
    }

    @Test
    void undecodableFilesAreRefusedByName() throws IOException {
        Path f = tmp.resolve("notes.png");
        Files.writeString(f, "this is not an image");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageDecoder.read(f));
        assertTrue(e.getMessage().startsWith("notes.png: "), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> ImageDecoder.read(tmp.resolve("missing.jpg")));
        assertTrue(e.getMessage().startsWith("missing.jpg: no such file"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> ImageDecoder.read(new byte[0], "empty.jpg"));
    }

    @Test
    void alphaIsCompositedOntoWhite() throws IOException {
        BufferedImage img = new BufferedImage(1, 1, BufferedImage.TYPE_INT_ARGB);
        img.setRGB(0, 0, 0x80FF0000); // red at alpha 128/255
        BufferedImage decoded = ImageDecoder.read(encode(img, "png"), "a.png");
        Pixels p = Pixels.of(decoded, ChannelOrder.RGB);
        // 255*128/255 + 255*127/255 = 255; 0*a + 255*127/255 = 127
        assertArrayEquals(new float[] {255, 127, 127}, p.data());
    }

    @Test
    void grayPngKeepsItsValuesAndExpandsToRgb() throws IOException {
        BufferedImage img = new BufferedImage(2, 1, BufferedImage.TYPE_BYTE_GRAY);
        img.getRaster().setSample(0, 0, 0, 100);
        img.getRaster().setSample(1, 0, 0, 7);
        BufferedImage decoded = ImageDecoder.read(encode(img, "png"), "g.png");
        assertArrayEquals(new float[] {100, 100, 100, 7, 7, 7}, Pixels.of(decoded, ChannelOrder.RGB).data());
        assertArrayEquals(new float[] {100, 7}, Pixels.of(decoded, ChannelOrder.GRAY).data());
    }
}
