package dev.irbis.engine.image;

import dev.irbis.engine.InvalidInputException;
import java.awt.image.BufferedImage;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferInt;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import javax.imageio.ImageIO;

/**
 * Decodes image files with {@code javax.imageio} (JPEG and PNG; other formats ImageIO reads, such as
 * BMP and GIF, work too) into an upright 8-bit image: {@code TYPE_INT_RGB}, or {@code TYPE_BYTE_GRAY}
 * for gray files. A JPEG's EXIF orientation is applied; alpha is composited onto white; CMYK and
 * YCCK JPEGs and undecodable files are refused with an {@link InvalidInputException} naming the file.
 */
public final class ImageDecoder {
    private ImageDecoder() {
    }

    public static BufferedImage read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(name + ": no such file (" + file.toAbsolutePath() + ")");
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read the file: " + e.getMessage());
        }
        return read(bytes, name);
    }

    /** Reads the whole stream (not closed here); {@code name} is used in error messages. */
    public static BufferedImage read(InputStream in, String name) {
        try {
            return read(in.readAllBytes(), name);
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read the stream: " + e.getMessage());
        }
    }

    public static BufferedImage read(byte[] bytes, String name) {
        if (bytes.length == 0) {
            throw new InvalidInputException(name + ": the file is empty, not an image");
        }
        int orientation = 1;
        if (JpegHeader.isJpeg(bytes)) {
            JpegHeader header = JpegHeader.parse(bytes);
            if (header.components() == 4) {
                String kind = header.adobeTransform() == 2 ? "YCCK (Adobe CMYK)" : "CMYK";
                throw new InvalidInputException(name + ": " + kind + " JPEG images are not supported; convert to RGB");
            }
            orientation = header.orientation();
        }
        BufferedImage decoded;
        try {
            decoded = ImageIO.read(new ByteArrayInputStream(bytes));
        } catch (IOException | RuntimeException e) {
            throw new InvalidInputException(name + ": cannot decode the image (" + e.getMessage()
                    + "); JPEG and PNG are supported");
        }
        if (decoded == null) {
            throw new InvalidInputException(name + ": not a JPEG or PNG image (no decoder recognises it)");
        }
        return orient(ColourNormaliser.normalise(decoded), orientation);
    }

    /** Applies an EXIF orientation to a normalised (INT_RGB or BYTE_GRAY) image; returns a new image unless 1. */
    public static BufferedImage orient(BufferedImage img, int orientation) {
        if (orientation <= 1 || orientation > 8) {
            return img;
        }
        int w = img.getWidth();
        int h = img.getHeight();
        boolean swap = Orientation.swapsAxes(orientation);
        BufferedImage out = new BufferedImage(swap ? h : w, swap ? w : h, img.getType());
        if (img.getType() == BufferedImage.TYPE_BYTE_GRAY) {
            byte[] src = ((DataBufferByte) img.getRaster().getDataBuffer()).getData();
            byte[] r = Orientation.apply(src, w, h, orientation);
            System.arraycopy(r, 0, ((DataBufferByte) out.getRaster().getDataBuffer()).getData(), 0, r.length);
        } else {
            int[] src = ((DataBufferInt) img.getRaster().getDataBuffer()).getData();
            int[] r = Orientation.apply(src, w, h, orientation);
            System.arraycopy(r, 0, ((DataBufferInt) out.getRaster().getDataBuffer()).getData(), 0, r.length);
        }
        return out;
    }
}
