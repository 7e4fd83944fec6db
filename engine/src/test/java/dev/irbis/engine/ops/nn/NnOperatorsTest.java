package dev.irbis.engine.ops.nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Attribute;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.Operator;
import dev.irbis.engine.ops.OperatorRegistry;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.gemm.OpenBlasGemm;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class NnOperatorsTest {
    private static final ExecContext CTX = new ExecContext(OpenBlasGemm.instance(), 1);

    private static Operator op(String domain, String type, int opset, int inputs, int outputs, Attribute... attrs) {
        List<String> in = java.util.stream.IntStream.range(0, inputs).mapToObj(i -> "i" + i).toList();
        List<String> out = java.util.stream.IntStream.range(0, outputs).mapToObj(i -> "o" + i).toList();
        return OperatorRegistry.defaultRegistry().create(new Node("n", type, domain, opset, in, out, Attributes.of(attrs)));
    }

    private static Operator op(String type, int opset, int inputs, int outputs, Attribute... attrs) {
        return op(Node.DEFAULT_DOMAIN, type, opset, inputs, outputs, attrs);
    }

    private static Tensor random(Random rnd, long... shape) {
        Tensor t = Tensor.allocateCollected(DataType.FLOAT, shape);
        for (long i = 0; i < t.size(); i++) {
            t.setFloat(i, (float) rnd.nextGaussian());
        }
        return t;
    }

    private static void assertClose(Tensor expected, Tensor got, double tol) {
        assertArrayEquals(expected.shape(), got.shape());
        for (long i = 0; i < expected.size(); i++) {
            assertEquals(expected.getFloat(i), got.getFloat(i), tol * (1 + Math.abs(expected.getFloat(i))), "element " + i);
        }
    }

    @Test
    void convSameUpperAndLowerPadDifferentSides() {
        Random rnd = new Random(1);
        Tensor x = random(rnd, 1, 2, 6, 6);
        Tensor w = random(rnd, 3, 2, 2, 2);
        Tensor upper = op("Conv", 13, 2, 1, Attribute.ofString("auto_pad", "SAME_UPPER"))
                .run(new Tensor[] {x, w}, CTX)[0];
        Tensor lower = op("Conv", 13, 2, 1, Attribute.ofString("auto_pad", "SAME_LOWER"))
                .run(new Tensor[] {x, w}, CTX)[0];
        // Kernel 2 needs one pad: at the end for SAME_UPPER, at the start for SAME_LOWER.
        Tensor endPad = op("Conv", 13, 2, 1, Attribute.ofInts("pads", 0, 0, 1, 1)).run(new Tensor[] {x, w}, CTX)[0];
        Tensor startPad = op("Conv", 13, 2, 1, Attribute.ofInts("pads", 1, 1, 0, 0)).run(new Tensor[] {x, w}, CTX)[0];
        assertArrayEquals(new long[] {1, 3, 6, 6}, upper.shape());
        assertClose(endPad, upper, 1e-6);
        assertClose(startPad, lower, 1e-6);
    }

    @Test
    void convStridedValidGroupedWithBias() {
        Random rnd = new Random(2);
        Tensor x = random(rnd, 2, 4, 9, 8);
        Tensor w = random(rnd, 6, 2, 3, 3);
        Tensor b = random(rnd, 6);
        Operator conv = op("Conv", 11, 3, 1, Attribute.ofString("auto_pad", "VALID"), Attribute.ofInt("group", 2),
                Attribute.ofInts("strides", 2, 3), Attribute.ofInts("kernel_shape", 3, 3));
        Tensor y = conv.run(new Tensor[] {x, w, b}, CTX)[0];
        assertArrayEquals(new long[] {2, 6, 4, 2}, y.shape());
        // Output channel 4 of image 1 at (1, 1) reads input channels 2, 3 at rows 2..4, cols 3..5.
        double e = b.getFloat(4);
        for (int ic = 0; ic < 2; ic++) {
            for (int kh = 0; kh < 3; kh++) {
                for (int kw = 0; kw < 3; kw++) {
                    e += x.getFloat(((1 * 4 + 2 + ic) * 9 + 2 + kh) * 8 + 3 + kw) * w.getFloat(((4 * 2 + ic) * 3 + kh) * 3 + kw);
                }
            }
        }
        assertEquals(e, y.getFloat(((1 * 6 + 4) * 4 + 1) * 2 + 1), 1e-4);
    }

    @Test
    void convRejectsMismatchedShapes() {
        Random rnd = new Random(3);
        Operator conv = op("Conv", 11, 2, 1);
        assertThrows(ShapeMismatchException.class, () -> conv.run(new Tensor[] {random(rnd, 1, 3, 5, 5), random(rnd, 2, 4, 3, 3)}, CTX));
        Operator k = op("Conv", 11, 2, 1, Attribute.ofInts("kernel_shape", 2, 2));
        assertThrows(ShapeMismatchException.class, () -> k.run(new Tensor[] {random(rnd, 1, 3, 5, 5), random(rnd, 2, 3, 3, 3)}, CTX));
        assertThrows(ModelFormatException.class, () -> op("Conv", 11, 2, 1, Attribute.ofString("auto_pad", "SAME")));
    }

    @Test
    void batchNormTrainingModeUsesBatchStatisticsAndUpdatesRunningOnes() {
        Random rnd = new Random(4);
        Tensor x = random(rnd, 3, 2, 4);
        Tensor scale = Tensor.ofFloats(new long[] {2}, 1f, 2f);
        Tensor bias = Tensor.ofFloats(new long[] {2}, 0f, 1f);
        Tensor mean = Tensor.ofFloats(new long[] {2}, 0.5f, -1f);
        Tensor var = Tensor.ofFloats(new long[] {2}, 1f, 3f);
        Tensor[] out = op("BatchNormalization", 15, 5, 3, Attribute.ofInt("training_mode", 1),
                Attribute.ofFloat("momentum", 0.8f)).run(new Tensor[] {x, scale, bias, mean, var}, CTX);
        assertEquals(3, out.length);
        for (int ch = 0; ch < 2; ch++) {
            double s = 0;
            double q = 0;
            for (int n = 0; n < 3; n++) {
                for (int p = 0; p < 4; p++) {
                    s += x.getFloat((n * 2 + ch) * 4 + p);
                }
            }
            double m = s / 12;
            for (int n = 0; n < 3; n++) {
                for (int p = 0; p < 4; p++) {
                    double d = x.getFloat((n * 2 + ch) * 4 + p) - m;
                    q += d * d;
                }
            }
            double v = q / 12; // biased
            assertEquals(mean.getFloat(ch) * 0.8 + m * 0.2, out[1].getFloat(ch), 1e-6);
            assertEquals(var.getFloat(ch) * 0.8 + v * 0.2, out[2].getFloat(ch), 1e-6);
            double y0 = (x.getFloat(ch * 4) - m) / Math.sqrt(v + 1e-5) * scale.getFloat(ch) + bias.getFloat(ch);
            assertEquals(y0, out[0].getFloat(ch * 4), 1e-5);
        }
        // Without training_mode the given statistics are used.
        Tensor inf = op("BatchNormalization", 15, 5, 1).run(new Tensor[] {x, scale, bias, mean, var}, CTX)[0];
        assertEquals((x.getFloat(4) + 1) / Math.sqrt(3 + 1e-5) * 2 + 1, inf.getFloat(4), 1e-5);
    }

    @Test
    void batchNormOpset7NonSpatialHasParametersPerPosition() {
        Random rnd = new Random(5);
        Tensor x = random(rnd, 2, 2, 3);
        Tensor scale = random(rnd, 2, 3);
        Tensor bias = random(rnd, 2, 3);
        Tensor mean = random(rnd, 2, 3);
        Tensor var = Tensor.ofFloats(new long[] {2, 3}, 1, 2, 3, 4, 5, 6);
        Tensor y = op("BatchNormalization", 7, 5, 1, Attribute.ofInt("spatial", 0))
                .run(new Tensor[] {x, scale, bias, mean, var}, CTX)[0];
        for (int i = 0; i < 12; i++) {
            int k = i % 6;
            double e = (x.getFloat(i) - mean.getFloat(k)) / Math.sqrt(var.getFloat(k) + 1e-5) * scale.getFloat(k) + bias.getFloat(k);
            assertEquals(e, y.getFloat(i), 1e-5);
        }
        assertThrows(ModelFormatException.class, () -> op("BatchNormalization", 9, 5, 1, Attribute.ofInt("spatial", 0)));
    }

    @Test
    void groupNormalizationOpset18PerGroupEqualsOpset21PerChannelAndFusedGroupNorm() {
        Random rnd = new Random(6);
        Tensor x = random(rnd, 2, 6, 5, 3);
        Tensor gScale = Tensor.ofFloats(new long[] {3}, 0.5f, 2f, -1f);
        Tensor gBias = Tensor.ofFloats(new long[] {3}, 1f, 0f, 3f);
        Tensor cScale = Tensor.ofFloats(new long[] {6}, 0.5f, 0.5f, 2f, 2f, -1f, -1f);
        Tensor cBias = Tensor.ofFloats(new long[] {6}, 1f, 1f, 0f, 0f, 3f, 3f);
        Attribute groups = Attribute.ofInt("num_groups", 3);
        Attribute eps = Attribute.ofFloat("epsilon", 1e-3f);
        Tensor v18 = op("GroupNormalization", 18, 3, 1, groups, eps).run(new Tensor[] {x, gScale, gBias}, CTX)[0];
        Tensor v21 = op("GroupNormalization", 21, 3, 1, groups, eps).run(new Tensor[] {x, cScale, cBias}, CTX)[0];
        Tensor fused = op(Node.IRBIS_DOMAIN, "GroupNorm", 1, 3, 1, groups, eps).run(new Tensor[] {x, cScale, cBias}, CTX)[0];
        assertClose(v18, v21, 0);
        assertClose(v21, fused, 0);
        assertThrows(ShapeMismatchException.class,
                () -> op("GroupNormalization", 21, 3, 1, groups).run(new Tensor[] {x, gScale, gBias}, CTX));
        // Group 0 of image 0 is normalised: its mean after undoing the affine is ~0.
        double s = 0;
        for (int i = 0; i < 30; i++) {
            s += (v21.getFloat(i) - 1f) / 0.5f;
        }
        assertEquals(0, s / 30, 1e-5);
    }

    @Test
    void instanceNormalizationNormalisesEachPlane() {
        Random rnd = new Random(7);
        Tensor x = random(rnd, 2, 3, 10);
        Tensor scale = Tensor.ofFloats(new long[] {3}, 1f, 1f, 1f);
        Tensor bias = Tensor.ofFloats(new long[] {3}, 0f, 0f, 0f);
        Tensor y = op("InstanceNormalization", 7, 3, 1).run(new Tensor[] {x, scale, bias}, CTX)[0];
        for (int plane = 0; plane < 6; plane++) {
            double s = 0;
            double q = 0;
            for (int i = 0; i < 10; i++) {
                s += y.getFloat(plane * 10 + i);
                q += y.getFloat(plane * 10 + i) * (double) y.getFloat(plane * 10 + i);
            }
            assertEquals(0, s / 10, 1e-5);
            assertEquals(1, q / 10, 1e-3);
        }
    }

    @Test
    void layerNormalizationAxisBroadcastScaleAndOptionalOutputs() {
        Random rnd = new Random(8);
        Tensor x = random(rnd, 2, 3, 4);
        Tensor scale = Tensor.ofFloats(new long[] {1, 4}, 1f, 2f, 3f, 4f); // broadcast over the axis-1 dim
        Tensor[] out = op("LayerNormalization", 17, 2, 3, Attribute.ofInt("axis", 1))
                .run(new Tensor[] {x, scale}, CTX);
        assertArrayEquals(new long[] {2, 1, 1}, out[1].shape());
        assertArrayEquals(new long[] {2, 1, 1}, out[2].shape());
        double s = 0;
        for (int i = 0; i < 12; i++) {
            s += x.getFloat(12 + i);
        }
        assertEquals(s / 12, out[1].getFloat(1), 1e-6);
        double y = (x.getFloat(12 + 7) - out[1].getFloat(1)) * out[2].getFloat(1) * 4;
        assertEquals(y, out[0].getFloat(12 + 7), 1e-5);
        Tensor[] only = op("LayerNormalization", 17, 2, 1).run(new Tensor[] {x, Tensor.ofFloats(new long[] {4}, 1, 1, 1, 1)}, CTX);
        assertNull(only[1]);
        assertThrows(ShapeMismatchException.class,
                () -> op("LayerNormalization", 17, 2, 1).run(new Tensor[] {x, Tensor.ofFloats(new long[] {3}, 1, 1, 1)}, CTX));
    }

    @Test
    void maxPoolOnBytesAndIndices() {
        Tensor x = Tensor.allocateCollected(DataType.INT8, 1, 1, 2, 4);
        long[] v = {-5, 7, -128, 3, 1, 2, 127, 0};
        for (int i = 0; i < 8; i++) {
            x.setLong(i, v[i]);
        }
        Tensor[] out = op("MaxPool", 12, 1, 2, Attribute.ofInts("kernel_shape", 2, 2), Attribute.ofInts("strides", 2, 2),
                Attribute.ofInt("storage_order", 1))
                .run(new Tensor[] {x}, CTX);
        assertEquals(DataType.INT8, out[0].dataType());
        assertArrayEquals(new long[] {7, 127}, out[0].toLongArray());
        // 7 sits at (0, 1) -> column-major 0 + 1 * 2 = 2; 127 at (1, 2) -> 1 + 2 * 2 = 5.
        assertArrayEquals(new long[] {2, 5}, out[1].toLongArray());
        Tensor u = Tensor.allocateCollected(DataType.UINT8, 1, 1, 1, 2);
        u.setLong(0, 200);
        u.setLong(1, 100);
        Tensor uy = op("MaxPool", 12, 1, 1, Attribute.ofInts("kernel_shape", 1, 2)).run(new Tensor[] {u}, CTX)[0];
        assertEquals(200, uy.getLong(0));
        assertThrows(ShapeMismatchException.class,
                () -> op("MaxPool", 11, 1, 1, Attribute.ofInts("kernel_shape", 2, 2)).run(new Tensor[] {x}, CTX));
    }

    @Test
    void poolingVersionGatesAndCeilMode() {
        assertThrows(ModelFormatException.class,
                () -> op("AveragePool", 18, 1, 1, Attribute.ofInts("kernel_shape", 2), Attribute.ofInts("dilations", 2)));
        assertThrows(ModelFormatException.class,
                () -> op("MaxPool", 9, 1, 1, Attribute.ofInts("kernel_shape", 2), Attribute.ofInt("ceil_mode", 1)));
        assertThrows(ModelFormatException.class, () -> op("MaxPool", 12, 1, 1));
        Tensor x = Tensor.ofFloats(new long[] {1, 1, 5}, 1, 2, 3, 4, 5);
        Tensor floor = op("AveragePool", 19, 1, 1, Attribute.ofInts("kernel_shape", 2), Attribute.ofInts("strides", 2))
                .run(new Tensor[] {x}, CTX)[0];
        Tensor ceil = op("AveragePool", 19, 1, 1, Attribute.ofInts("kernel_shape", 2), Attribute.ofInts("strides", 2),
                Attribute.ofInt("ceil_mode", 1)).run(new Tensor[] {x}, CTX)[0];
        assertArrayEquals(new float[] {1.5f, 3.5f}, floor.toFloatArray());
        assertArrayEquals(new float[] {1.5f, 3.5f, 5f}, ceil.toFloatArray());
        Tensor g = op("GlobalAveragePool", 13, 1, 1).run(new Tensor[] {x}, CTX)[0];
        assertArrayEquals(new long[] {1, 1, 1}, g.shape());
        assertEquals(3f, g.getFloat(0));
        assertEquals(5f, op("GlobalMaxPool", 13, 1, 1).run(new Tensor[] {x}, CTX)[0].getFloat(0));
        assertTrue(OperatorRegistry.defaultRegistry().supports(Node.IRBIS_DOMAIN, "GroupNorm", 1));
    }
}
