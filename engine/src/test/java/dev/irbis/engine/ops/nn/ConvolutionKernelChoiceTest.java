package dev.irbis.engine.ops.nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.kernels.conv.WindowGeometry;
import dev.irbis.kernels.conv.WinogradTile;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Which layers take Winograd by default (the channel, tile and weight-size rules of {@link Convolution}), which
 * take the direct few-channel kernel, and which run their GEMM on prepacked weights.
 */
class ConvolutionKernelChoiceTest {
    @ParameterizedTest(name = "n={0} c={1} m={2} {3}x{3}: winograd={4}")
    @CsvSource({
        "1, 64, 64, 56, F4X4",       // ResNet stage 1
        "1, 256, 256, 14, F4X4",     // 16 tiles of 4x4 (F(2x2) would need 49, padded to 64)
        "1, 512, 512, 7, F2X2",      // 4 tiles of 4x4 padded to a vector, against 16 tiles of 2x2
        "8, 512, 512, 7, F4X4",      // 32 tiles at batch 8; transformed weights 36 MiB, under the 40 MiB cap
        "1, 512, 512, 28, F4X4",     // BiT-M R152x4's stage 2
        "1, 1024, 1024, 14, NONE",   // R152x4's stage 3: 144 MiB transformed per layer, over the cap for both
        "1, 2048, 2048, 7, NONE",    // R152x4's stage 4: 256 MiB even as F(2x2)
        "1, 8, 64, 56, NONE",        // too few input channels
        "4, 16, 16, 8, F2X2",        // 8x8 maps: 16 tiles of 4x4 padded to 32 (36 x 32 products), 64 of 2x2 (16 x 64)
        "3, 16, 16, 8, F2X2",        // 12 tiles of 4x4, too few; 48 of 2x2
        "1, 16, 16, 6, NONE",        // 9 tiles of 2x2: too few for either
    })
    void winogradWhereItPaysAndFits(int n, int c, int m, int size, String expected) {
        Convolution conv = new Convolution(Attributes.EMPTY, "Conv");
        WindowGeometry g = WindowGeometry.of(new long[] {size, size}, new long[] {3, 3}, new long[] {1, 1},
                new long[] {1, 1}, new long[] {1, 1}, new long[] {1, 1}, new long[] {size, size});
        WinogradTile tile = conv.winogradTile(g, n, c, m);
        assertEquals(expected, tile == null ? "NONE" : tile.name());
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

    @ParameterizedTest(name = "c={0} m={1} group={2} {3}x{3} k={4} s={5}: prepacked={6}")
    @CsvSource({
        "512, 2048, 1, 7, 1, 1, true",      // ResNet-50's 7x7 stage, 1x1 expand (4 MiB of weights)
        "1024, 2048, 1, 14, 1, 2, true",    // its projection to 7x7 (stride 2)
        "512, 512, 1, 14, 3, 2, true",      // its strided 3x3 to 7x7 (9 MiB)
        "1024, 256, 1, 14, 1, 1, false",    // 14x14: 196 outputs per image
        "2048, 8192, 1, 7, 1, 1, false",    // BiT-M R152x4's 7x7 stage: 64 MiB, over the cap
        "64, 64, 2, 7, 1, 1, false",        // grouped
        "16, 16, 1, 1, 1, 1, false",        // one output: the matrix-vector path
    })
    void prepackedWeightsOnSmallMaps(int c, int m, int group, int size, int k, int s, boolean expected) {
        Convolution conv = new Convolution(Attributes.of(Attribute.ofInt("group", group)), "Conv");
        int p = k / 2;
        long out = (size + 2L * p - k) / s + 1;
        WindowGeometry g = WindowGeometry.of(new long[] {size, size}, new long[] {k, k}, new long[] {s, s},
                new long[] {1, 1}, new long[] {p, p}, new long[] {p, p}, new long[] {out, out});
        assertEquals(expected, conv.usePrepacked(g, c, m));
    }
}
