package dev.irbis.engine.ops.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.kernels.conv.WindowGeometry;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which layers take Winograd by default (the channel, tile and weight-size rules of {@link Convolution}), and which
 * take the direct few-channel kernel.
 */
class ConvolutionKernelChoiceTest {
    @ParameterizedTest(name = "n={0} c={1} m={2} {3}x{3}: winograd={4}")
    @CsvSource({
        "1, 64, 64, 56, true",       // ResNet stage 1
        "1, 512, 512, 7, false",     // 4 tiles at batch 1: too thin, im2col
        "8, 512, 512, 7, true",      // 32 tiles at batch 8; transformed weights 36 MiB, under the 40 MiB cap
        "1, 512, 512, 28, true",     // BiT-M R152x4's stage 2
        "1, 1024, 1024, 14, false",  // R152x4's stage 3: 144 MiB transformed per layer, over the cap
        "1, 8, 64, 56, false",       // too few input channels
        "4, 16, 16, 8, true",        // 4 tiles x 4 images: the fewest that qualify
        "3, 16, 16, 8, false",       // 12 tiles
    })
    void winogradWhereItPaysAndFits(int n, int c, int m, int size, boolean expected) {
        Convolution conv = new Convolution(Attributes.EMPTY, "Conv");
        WindowGeometry g = WindowGeometry.of(new long[] {size, size}, new long[] {3, 3}, new long[] {1, 1},
                new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, new long[] {size, size});
        assertEquals(expected, conv.useWinograd(g, n, c, m));
    }

    @ParameterizedTest(name = "c={0} m={1} group={2} {3}x{3} k={4} s={5}: direct={6}")
    @CsvSource({
        "3, 64, 1, 224, 7, 2, true",    // ResNet's stem
        "3, 256, 1, 224, 7, 2, true",   // BiT-M R152x4's stem
        "1, 32, 1, 64, 3, 1, true",     // a grayscale input
        "8, 64, 1, 224, 7, 2, false",   // too many input channels for it
        "4, 8, 2, 224, 3, 1, false",    // grouped
        "3, 64, 1, 7, 3, 1, false",     // rows narrower than a vector tile
    })
    void directKernelForFewInputChannels(int c, int m, int group, int size, int k, int s, boolean expected) {
        Convolution conv = new Convolution(Attributes.of(Attribute.ofInt("group", group)), "Conv");
        int p = k / 2;
        long out = (size + 2L * p - k) / s + 1;
        WindowGeometry g = WindowGeometry.of(new long[] {size, size}, new long[] {k, k}, new long[] {s, s},
                new long[] {1, 1}, new long[] {p, p}, new long[] {p, p}, new long[] {out, out});
        assertEquals(expected, conv.useFewChannel(g, c, m));
    }
}
