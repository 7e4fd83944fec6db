package dev.irbis.engine.ops.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.UnsupportedOperatorException;
import dev.irbis.engine.exec.BufferPool;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.gemm.OpenBlasGemm;
import dev.irbis.kernels.parallel.ThreadBudget;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

/** FusedConv = Relu(Conv + R) computed by separate reference steps; covers the Winograd and GEMM paths. */
class FusedConvTest {
    private static Operator node(String domain, String type, int inputs, Attribute... attrs) {
        List<String> in = java.util.stream.IntStream.range(0, inputs).mapToObj(i -> "i" + i).toList();
        return OperatorRegistry.defaultRegistry().create(new Node("n", type, domain, Node.DEFAULT_DOMAIN.equals(domain) ? 13 : 1, in, List.of("y"), Attributes.of(attrs)));
    }

    private static Tensor random(Random rnd, long... shape) {
        Tensor t = Tensor.allocateCollected(DataType.FLOAT, shape);
        for (long i = 0; i < t.size(); i++) {
            t.setFloat(i, (float) rnd.nextGaussian());
        }
        return t;
    }

    @ParameterizedTest(name = "c={0} m={1} {2}x{3} k={4} s={5} relu={6} residual={7}")
    @CsvSource({
        "19, 17, 13, 11, 3, 1, true, true",     // Winograd (>= 16 channels, >= 16 tiles)
        "16, 16, 9, 9, 3, 1, false, true",      // Winograd, no activation
        "5, 6, 9, 7, 3, 1, true, false",        // 5 channels: im2col
        "3, 9, 9, 70, 7, 2, true, true",        // a stem: the direct few-channel kernel (35 outputs per row)
        "18, 20, 9, 10, 1, 1, true, true",      // pointwise
        "18, 20, 9, 10, 1, 2, true, true",      // downsample 1x1 stride 2
        "8, 12, 11, 12, 3, 2, false, true",     // 3x3 stride 2
    })
    void matchesConvAddRelu(int c, int m, int h, int w, int k, int s, boolean relu, boolean residual) {
        Random rnd = new Random(c * 100L + m);
        Tensor x = random(rnd, 2, c, h, w);
        Tensor wt = random(rnd, m, c, k, k);
        Tensor b = random(rnd, m);
        int p = k / 2;
        Attribute[] attrs = {Attribute.ofInts("pads", p, p, p, p), Attribute.ofInts("strides", s, s)};
        Tensor conv = node(Node.DEFAULT_DOMAIN, "Conv", 3, attrs).run(new Tensor[] {x, wt, b}, new ExecContext(OpenBlasGemm.instance()))[0];
        Tensor r = residual ? random(rnd, conv.shape()) : null;
        Attribute[] fusedAttrs = {attrs[0], attrs[1], Attribute.ofString("activation", relu ? "relu" : "none")};
        try (ThreadBudget two = new ThreadBudget(2); BufferPool buffers = new BufferPool(1L << 28)) {
            Operator fused = node(Node.IRBIS_DOMAIN, "FusedConv", residual ? 4 : 3, fusedAttrs);
            ExecContext ctx = new ExecContext(OpenBlasGemm.instance(), two, buffers);
            Tensor y = fused.run(residual ? new Tensor[] {x, wt, b, r} : new Tensor[] {x, wt, b}, ctx)[0];
            assertArrayEquals(conv.shape(), y.shape());
            for (long i = 0; i < y.size(); i++) {
                double e = conv.getFloat(i) + (r == null ? 0 : r.getFloat(i));
                e = relu ? Math.max(0, e) : e;
                assertEquals(e, y.getFloat(i), 1e-4 * (1 + Math.abs(e)), "element " + i);
            }
            // A second run reuses the cached weight transform, pooled scratch, and (y being closed) y's buffer.
            float[] first = y.toFloatArray();
            y.close();
            Tensor again = fused.run(residual ? new Tensor[] {x, wt, b, r} : new Tensor[] {x, wt, b}, ctx)[0];
            for (long i = 0; i < y.size(); i++) {
                assertEquals(first[(int) i], again.getFloat(i), 0f, "run 2 element " + i);
            }
        }
    }

    @Test
    void winogradOneImagePerPassMatchesIm2col() {
        // 56 x 56 maps have 196 F(4x4) tiles each, so a batch of 3 runs one image per pass
        // (WinogradConv.imagesPerPass), each pass reading its own slice of the residual.
        Random rnd = new Random(56);
        Tensor x = random(rnd, 3, 16, 56, 56);
        Tensor wt = random(rnd, 16, 16, 3, 3);
        Tensor b = random(rnd, 16);
        Attribute[] attrs = {Attribute.ofInts("pads", 1, 1, 1, 1), Attribute.ofInts("strides", 1, 1)};
        String before = System.getProperty("irbis.conv.winograd");
        Operator im2col;
        System.setProperty("irbis.conv.winograd", "false");
        try {
            im2col = node(Node.DEFAULT_DOMAIN, "Conv", 3, attrs);
        } finally {
            if (before == null) {
                System.clearProperty("irbis.conv.winograd");
            } else {
                System.setProperty("irbis.conv.winograd", before);
            }
        }
        Tensor conv = im2col.run(new Tensor[] {x, wt, b}, new ExecContext(OpenBlasGemm.instance()))[0];
        Tensor r = random(rnd, conv.shape());
        try (ThreadBudget two = new ThreadBudget(2); BufferPool buffers = new BufferPool(1L << 28)) {
            Operator fused = node(Node.IRBIS_DOMAIN, "FusedConv", 4, attrs[0], attrs[1], Attribute.ofString("activation", "relu"));
            Tensor y = fused.run(new Tensor[] {x, wt, b, r}, new ExecContext(OpenBlasGemm.instance(), two, buffers))[0];
            double scale = 0;
            for (long i = 0; i < conv.size(); i++) {
                scale = Math.max(scale, Math.abs(conv.getFloat(i)));
            }
            // Winograd's rounding is relative to the output's scale (a few 1e-6 of it); a residual slice taken
            // from the wrong image would be off by about 1.
            for (long i = 0; i < y.size(); i++) {
                double e = Math.max(0, conv.getFloat(i) + r.getFloat(i));
                assertEquals(e, y.getFloat(i), 5e-5 * scale, "element " + i);
            }
        }
    }

    /**
     * Small maps run their GEMM on prepacked weights (Convolution.usePrepacked): a batch of 2, 1x1 and strided 3x3 to
     * 7x7 (49 outputs per image), bias, residual and ReLU, on two threads, against the same node with the path
     * turned off (OpenBLAS). A residual or weight row taken from the wrong image or channel would be off by about 1.
     */
    @ParameterizedTest(name = "c={0} m={1} in={2} k={3} s={4}")
    @CsvSource({"20, 13, 7, 1, 1", "9, 11, 14, 3, 2", "70, 64, 8, 1, 1"})
    void prepackedWeightsMatchPackingPerCall(int c, int m, int in, int k, int s) {
        Random rnd = new Random(c * 7L + m);
        Tensor x = random(rnd, 2, c, in, in);
        Tensor wt = random(rnd, m, c, k, k);
        Tensor b = random(rnd, m);
        int p = k / 2;
        Attribute[] attrs = {Attribute.ofInts("pads", p, p, p, p), Attribute.ofInts("strides", s, s),
            Attribute.ofString("activation", "relu")};
        String before = System.getProperty("irbis.conv.prepacked");
        Operator perCall;
        System.setProperty("irbis.conv.prepacked", "false");
        try {
            perCall = node(Node.IRBIS_DOMAIN, "FusedConv", 4, attrs);
        } finally {
            if (before == null) {
                System.clearProperty("irbis.conv.prepacked");
            } else {
                System.setProperty("irbis.conv.prepacked", before);
            }
        }
        Operator prepacked = node(Node.IRBIS_DOMAIN, "FusedConv", 4, attrs);
        long out = (in + 2L * p - k) / s + 1;
        Tensor r = random(rnd, 2, m, out, out);
        try (ThreadBudget two = new ThreadBudget(2); BufferPool buffers = new BufferPool(1L << 26)) {
            Tensor want = perCall.run(new Tensor[] {x, wt, b, r}, new ExecContext(OpenBlasGemm.instance(), two, buffers))[0];
            for (int run = 0; run < 2; run++) {
                // The second run reads the copy made by the first.
                Tensor y = prepacked.run(new Tensor[] {x, wt, b, r}, new ExecContext(OpenBlasGemm.instance(), two,
                        buffers))[0];
                assertArrayEquals(want.shape(), y.shape());
                for (long i = 0; i < y.size(); i++) {
                    assertEquals(want.getFloat(i), y.getFloat(i), 1e-5 * (1 + Math.abs(want.getFloat(i))), "element " + i);
                }
            }
        }
    }

    @Test
    void rejectsBadActivationAndResidualShape() {
        assertThrows(UnsupportedOperatorException.class,
                () -> node(Node.IRBIS_DOMAIN, "FusedConv", 3, Attribute.ofString("activation", "gelu")));
        Random rnd = new Random(3);
        Operator fused = node(Node.IRBIS_DOMAIN, "FusedConv", 4);
        ShapeMismatchException e = assertThrows(ShapeMismatchException.class, () -> fused.run(
                new Tensor[] {random(rnd, 1, 2, 5, 5), random(rnd, 3, 2, 3, 3), null, random(rnd, 1, 3, 5, 5)},
                new ExecContext(OpenBlasGemm.instance())));
        assertEquals(true, e.getMessage().contains("residual"), e.getMessage());
    }
}
