package dev.irbis.engine.api;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.engine.InvalidInputException;
import dev.irbis.engine.ir.Dim;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every expected value below is worked out by hand from the input pixels. */
class PreprocessingTest {
    private static final float EPS = 1e-5f;

    private static BufferedImage rgb(int w, int h, int... pixels) {
        BufferedImage img = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < pixels.length; i++) {
            img.setRGB(i % w, i / w, pixels[i]);
        }
        return img;
    }

    private static ValueInfo input(long... dims) {
        return new ValueInfo("x", DataType.FLOAT, java.util.Arrays.stream(dims).mapToObj(d -> d < 0 ? Dim.named("n") : Dim.of(d)).toList());
    }

    private static float[] run(Preprocessing p, ValueInfo in, BufferedImage... images) {
        ImageInputShape s = ImageInputShape.resolve(in, p, null);
        try (Tensor t = p.toTensor(List.of(images), s)) {
            return t.toFloatArray();
        }
    }

    @Test
    void torchvisionNormalisesEachChannelNchw() {
        // One 2x2 image at a 2x2 model: shorter side target max(2, round(256/224*2)) = 2, so no resize, no crop.
        BufferedImage img = rgb(2, 2, 0xFF8000, 0x000000, 0xFFFFFF, 0x00FF00);
        float[] v = run(Preprocessing.torchvision(), input(1, 3, 2, 2), img);
        // pixel (0,0) = (255, 128, 0)
        assertEquals((1f - 0.485f) / 0.229f, v[0], EPS);                 // R: 2.2489083
        assertEquals((128f / 255f - 0.456f) / 0.224f, v[4], EPS);        // G: 0.2051821
        assertEquals(0.205182f, v[4], 1e-5f);
        assertEquals(-0.406f / 0.225f, v[8], EPS);                       // B: -1.8044444
        // pixel (1,1) = (0, 255, 0): G plane index 4 + 3
        assertEquals((1f - 0.456f) / 0.224f, v[7], EPS);                 // 2.4285715
        assertEquals(-0.485f / 0.229f, v[3], EPS);                       // R: -2.117904
    }

    @Test
    void torchvisionCropsTheCentreOfTheLongerSide() {
        // 4x2 image, model 2x2: shorter side 2 -> 4x2 unchanged; crop left = round((4-2)/2) = 1 -> columns 1 and 2.
        BufferedImage img = rgb(4, 2, 0x0A0000, 0x140000, 0x1E0000, 0x280000, 0x320000, 0x3C0000, 0x460000, 0x500000);
        float[] v = run(Preprocessing.torchvision(), input(1, 3, 2, 2), img);
        // R plane: pixels 20, 30 / 60, 70
        assertEquals((20 / 255f - 0.485f) / 0.229f, v[0], EPS);
        assertEquals((30 / 255f - 0.485f) / 0.229f, v[1], EPS);
        assertEquals((60 / 255f - 0.485f) / 0.229f, v[2], EPS);
        assertEquals((70 / 255f - 0.485f) / 0.229f, v[3], EPS);
    }

    @Test
    void torchvisionShrinksBilinearLikePillow() {
        // 8x8 image, model 4x4: target = max(4, round(256/224*4 = 4.571)) = 5; 8x8 -> 5x5, crop 4x4 at offset round(0.5)=0.
        // Every row is the same (columns 0..7 hold 0, 30, ..., 210 in red), so the vertical pass changes nothing.
        int[] px = new int[64];
        for (int i = 0; i < 64; i++) {
            px[i] = (i % 8) * 30 << 16;
        }
        float[] v = run(Preprocessing.torchvision(), input(1, 3, 4, 4), rgb(8, 8, px));
        // Pillow window for output 0: scale 1.6, centre 0.8, support 1.6 -> source 0..2 (lo=int(-0.3)=0, hi=int(2.9)=2)
        // weights 1-|j-0.8+0.5|/1.6: j=0 0.8125, j=1 0.5625 -> (0*0.8125 + 30*0.5625)/1.375 = 12.27 -> 12
        assertEquals((12 / 255f - 0.485f) / 0.229f, v[0], EPS);
        // output 1: centre 2.4, lo=int(1.3)=1, hi=int(4.5)=4: j=1 |1-2.4+.5|=.9 -> .4375; j=2 |.1|/1.6 -> .9375; j=3 |1.1|/1.6 -> .3125
        // (30*.4375 + 60*.9375 + 90*.3125) / 1.6875 = (13.125 + 56.25 + 28.125) / 1.6875 = 57.78 -> 58
        assertEquals((58 / 255f - 0.485f) / 0.229f, v[1], EPS);
    }

    @Test
    void caffeIsBgrWithMeansSubtractedNhwc() {
        BufferedImage img = rgb(1, 1, 0x0A141E); // R 10, G 20, B 30
        float[] v = run(Preprocessing.caffe(), input(1, 1, 1, 3), img);
        assertArrayEquals(new float[] {30 - 103.939f, 20 - 116.779f, 10 - 123.68f}, v, EPS);
    }

    @Test
    void caffeStretchesWithNearestNeighbour() {
        // 4x1 -> 2x1: sources int((i + 0.5) * 2) = 1 and 3.
        BufferedImage img = rgb(4, 1, 0x000000, 0x000064, 0x0000C8, 0x000028); // B = 0, 100, 200, 40
        float[] v = run(Preprocessing.caffe(), input(1, 1, 2, 3), img);
        assertEquals(100 - 103.939f, v[0], EPS);
        assertEquals(40 - 103.939f, v[3], EPS);
    }

    @Test
    void bitMapsToMinusOneToOne() {
        BufferedImage img = rgb(1, 1, 0xFF0033); // 255, 0, 51
        float[] v = run(Preprocessing.bit(), input(1, 3, 1, 1), img);
        assertArrayEquals(new float[] {1f, -1f, 51 / 127.5f - 1f}, v, EPS); // 1, -1, -0.6
    }

    @Test
    void unitShrinksBilinearAndScalesToZeroOne() {
        // 4x1 row 0,100,200,40 -> 2x1. Pillow: scale 2, support 2.
        // out 0: centre 1, sources 0..2 weights .75,.75,.25 -> (75+50)/1.75 = 71.43 -> 71
        // out 1: centre 3, sources 1..3 weights .25,.75,.75 -> (25+150+30)/1.75 = 117.14 -> 117
        BufferedImage img = rgb(4, 1, 0x000000, 0x640000, 0xC80000, 0x280000);
        float[] v = run(Preprocessing.unit(), input(1, 3, 1, 2), img);
        assertEquals(71 / 255f, v[0], EPS);
        assertEquals(117 / 255f, v[1], EPS);
    }

    @Test
    void bilinearEnlargesWithHalfPixelCentres() {
        // 2x1 row 0,100 -> 4x1: 0, 25, 75, 100 (support 1, centres 0.25, 0.75, 1.25, 1.75).
        Preprocessing p = Preprocessing.builder().channels(ChannelOrder.GRAY).stretchTo(1, 4).scale(1f).build();
        BufferedImage img = rgb(2, 1, 0x000000, 0x646464);
        assertArrayEquals(new float[] {0, 25, 75, 100}, run(p, input(1, 1, 1, 4), img), EPS);
    }

    @Test
    void mnistPytorchGrayUsesPillowLuma() {
        // (255, 0, 0) -> (19595 * 255 + 32768) >> 16 = 76; (76/255 - 0.5)/0.5 = -0.40392
        Preprocessing p = Preprocessing.builder().name("mnist").channels(ChannelOrder.GRAY).stretchTo(28, 28)
                .scale(1 / 255f).mean(0.5f).std(0.5f).build();
        float[] v = run(p, input(-1, 1, 1, 2), rgb(2, 1, 0xFF0000, 0xFFFFFF));
        assertEquals((76 / 255f - 0.5f) / 0.5f, v[0], EPS);
        assertEquals(1f, v[1], EPS);
    }

    @Test
    void cifarMeanAndStdPerChannel() {
        Preprocessing p = Preprocessing.builder().stretchTo(32, 32).scale(1 / 255f)
                .mean(0.4914f, 0.4822f, 0.4465f).std(0.2023f, 0.1994f, 0.2010f).build();
        float[] v = run(p, input(1, 3, 1, 1), rgb(1, 1, 0xFF0000));
        assertEquals((1 - 0.4914f) / 0.2023f, v[0], EPS); // 2.514088
        assertEquals(-0.4822f / 0.1994f, v[1], EPS);
        assertEquals(-0.4465f / 0.2010f, v[2], EPS);
    }

    @Test
    void batchesImagesAndUsesDefaultSizeForDynamicDims() {
        Preprocessing p = Preprocessing.builder().channels(ChannelOrder.GRAY).stretchTo(1, 1).scale(1f).build();
        ValueInfo dyn = new ValueInfo("x", DataType.FLOAT, List.of(Dim.named("n"), Dim.of(1), Dim.named("h"), Dim.named("w")));
        ImageInputShape s = ImageInputShape.resolve(dyn, p, null);
        assertEquals(1, s.height());
        try (Tensor t = p.toTensor(List.of(rgb(1, 1, 0x0A0A0A), rgb(1, 1, 0x141414)), s)) {
            assertArrayEquals(new long[] {2, 1, 1, 1}, t.shape());
            assertArrayEquals(new float[] {10, 20}, t.toFloatArray(), EPS);
        }
        assertEquals(5, ImageInputShape.resolve(dyn, p, new int[] {5, 6}).height());
    }

    @Test
    void channelMismatchIsReportedWithBothCounts() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> ImageInputShape.resolve(input(1, 1, 28, 28), Preprocessing.torchvision(), null));
        assertTrue(e.getMessage().contains("1-channel") && e.getMessage().contains("produces 3"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.builder().mean(1f, 2f).build());
        assertThrows(IllegalArgumentException.class, () -> Preprocessing.builder().std(0f).build());
    }

    @Test
    void fixedDimsWinAndConflictsAreRefused() {
        assertThrows(InvalidInputException.class, () -> ImageInputShape.resolve(input(1, 3, 32, 32), Preprocessing.unit(), new int[] {64, 64}));
        ImageInputShape s = ImageInputShape.resolve(input(1, 64, 64, 3), Preprocessing.unit(), null);
        assertEquals(ImageLayout.NHWC, s.layout());
        assertEquals(64, s.width());
        assertEquals(1, s.fixedBatch());
    }
}
