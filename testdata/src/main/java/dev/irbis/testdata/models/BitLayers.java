package dev.irbis.testdata.models;

import dev.irbis.testdata.onnx.Attr;
import dev.irbis.testdata.onnx.FloatSource;
import dev.irbis.testdata.onnx.OnnxGraphBuilder;
import dev.irbis.testdata.onnx.Tensors;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Supplier;

/**
 * BiT's StdConv2d (weight standardisation, eps 1e-8, written as ops on the weight initializer) and
 * GroupNorm (eps 1e-5), in the node patterns of one {@link BitExport}. Raw weights get a random offset
 * and scale per output channel, which standardisation removes: a wrong standardisation shows in the logits.
 */
final class BitLayers implements PreActLayers {
    static final float WS_EPS = 1e-8f;
    static final float GN_EPS = 1e-5f;
    private final OnnxGraphBuilder g;
    private final Weights w;
    private final BitExport style;
    private final int groups;
    private int counter = 500;
    private String gnShape;
    private String gnOnes;
    private String gnZeros;
    private String wsAxes;

    BitLayers(OnnxGraphBuilder g, Weights w, BitExport style, int groups) {
        this.g = g;
        this.w = w;
        this.style = style;
        this.groups = groups;
    }

    private String fresh(String prefix) {
        return prefix + counter++;
    }

    /** Raw conv weight: per output channel {@code a_o * N(0, 1) + c_o}, streamed in order. */
    private Supplier<FloatSource> rawWeight(String module, int cout, int per) {
        float[] a = w.uniform(module + ".weight.scale", cout, 0.5, 2.0);
        float[] c = w.gaussianArray(module + ".weight.offset", cout, 0, 0.5);
        return () -> {
            SplittableRandom r = w.random(module + ".weight");
            long[] idx = {0};
            return (chunk, n) -> {
                for (int i = 0; i < n; i++, idx[0]++) {
                    int o = (int) (idx[0] / per);
                    chunk[i] = (float) (a[o] * r.nextGaussian() + c[o]);
                }
            };
        };
    }

    @Override
    public String conv(String x, String module, int cin, int cout, int k, int stride, double scale) {
        String weight = switch (style) {
            case TORCHSCRIPT -> standardiseTorchscript(module, cin, cout, k);
            case DYNAMO -> standardiseDynamo(module, cin, cout, k);
            case GROUP_NORM_OP -> standardiseExplicit(module, cin, cout, k);
        };
        String name = style == BitExport.TORCHSCRIPT ? TorchNames.node(module, "Conv") : fresh("node_Conv_");
        return g.op("Conv", name, List.of(x, weight), Attr.ints("dilations", 1, 1), Attr.i("group", 1), Attr.ints("kernel_shape", k, k),
                Attr.ints("pads", k / 2, k / 2, k / 2, k / 2), Attr.ints("strides", stride, stride));
    }

    private String standardiseTorchscript(String module, int cin, int cout, int k) {
        int per = cin * k * k;
        float[] raw = new float[cout * per];
        rawWeight(module, cout, per).get().next(raw, raw.length);
        float[] transposed = new float[raw.length];
        for (int o = 0; o < cout; o++) {
            for (int i = 0; i < per; i++) {
                transposed[i * cout + o] = raw[o * per + i];
            }
        }
        String view = g.floats(fresh("onnx::BatchNormalization_"), new long[] {1, cout, per}, raw);
        String viewT = g.floats(fresh("onnx::ReduceMean_"), new long[] {1, per, cout}, transposed);
        String shape = g.longs(fresh("onnx::Reshape_"), cout, cin, k, k);
        float[] ones = new float[cout];
        java.util.Arrays.fill(ones, 1f);
        String n = TorchNames.node(module, "");
        String scale = g.constant(n + "Constant", Tensors.floats(null, new long[] {cout}, ones));
        String bias = g.constant(n + "Constant_1", Tensors.floats(null, new long[] {cout}, new float[cout]));
        String mean = g.op("ReduceMean", n + "ReduceMean", List.of(viewT), Attr.ints("axes", 0, 1), Attr.i("keepdims", 0));
        String meanK = g.op("ReduceMean", n + "ReduceMean_1", List.of(viewT), Attr.ints("axes", 0, 1), Attr.i("keepdims", 1));
        String d = g.op("Sub", n + "Sub", List.of(viewT, meanK));
        String sq = g.op("Mul", n + "Mul", List.of(d, d));
        String var = g.op("ReduceMean", n + "ReduceMean_2", List.of(sq), Attr.ints("axes", 0, 1), Attr.i("keepdims", 0));
        String bnName = n + "BatchNormalization";
        String bn = bnName + "_output_0";
        g.node("BatchNormalization", bnName, List.of(view, scale, bias, mean, var), List.of(bn, bnName + "_output_1", bnName + "_output_2"),
                Attr.f("epsilon", WS_EPS), Attr.f("momentum", 1f), Attr.i("training_mode", 1));
        return g.op("Reshape", n + "Reshape", List.of(bn, shape), Attr.i("allowzero", 0));
    }

    private String standardiseDynamo(String module, int cin, int cout, int k) {
        int per = cin * k * k;
        String weight = g.weights(module + ".weight", new long[] {cout, cin, k, k}, rawWeight(module, cout, per));
        if (wsAxes == null) {
            wsAxes = g.longs(fresh("val_"), 0, 2);
        }
        float[] ones = new float[cout];
        java.util.Arrays.fill(ones, 1f);
        String viewShape = g.longs(fresh("val_"), 1, cout, -1);
        String backShape = g.longs(fresh("val_"), cout, cin, k, k);
        String scale = g.floats(fresh("val_"), new long[] {cout}, ones);
        String bias = g.floats(fresh("val_"), new long[] {cout}, new float[cout]);
        String view = g.op("Reshape", fresh("node_view_"), List.of(weight, viewShape), Attr.i("allowzero", 1));
        String mean = g.op("ReduceMean", fresh("node_ReduceMean_"), List.of(view, wsAxes), Attr.i("noop_with_empty_axes", 0), Attr.i("keepdims", 0));
        String meanK = g.op("ReduceMean", fresh("node_ReduceMean_"), List.of(view, wsAxes), Attr.i("noop_with_empty_axes", 0), Attr.i("keepdims", 1));
        String d = g.op("Sub", fresh("node_Sub_"), List.of(view, meanK));
        String sq = g.op("Mul", fresh("node_Mul_"), List.of(d, d));
        String var = g.op("ReduceMean", fresh("node_ReduceMean_"), List.of(sq, wsAxes), Attr.i("noop_with_empty_axes", 0), Attr.i("keepdims", 0));
        String bn = g.op("BatchNormalization", fresh("node__native_batch_norm_legit_"), List.of(view, scale, bias, mean, var),
                Attr.f("momentum", 1f), Attr.f("epsilon", WS_EPS));
        return g.op("Reshape", fresh("node_view_"), List.of(bn, backShape), Attr.i("allowzero", 1));
    }

    private String standardiseExplicit(String module, int cin, int cout, int k) {
        int per = cin * k * k;
        String weight = g.weights(module + ".weight", new long[] {cout, cin, k, k}, rawWeight(module, cout, per));
        if (wsAxes == null) {
            wsAxes = g.longs(fresh("val_"), 1, 2, 3);
            g.initializer(Tensors.scalar("ws_two", 2f));
            g.initializer(Tensors.scalar("ws_eps", WS_EPS));
        }
        String mean = g.op("ReduceMean", fresh("node_ReduceMean_"), List.of(weight, wsAxes), Attr.i("keepdims", 1));
        String d = g.op("Sub", fresh("node_Sub_"), List.of(weight, mean));
        String sq = g.op("Pow", fresh("node_Pow_"), List.of(d, "ws_two"));
        String var = g.op("ReduceMean", fresh("node_ReduceMean_"), List.of(sq, wsAxes), Attr.i("keepdims", 1));
        String std = g.op("Sqrt", fresh("node_Sqrt_"), List.of(g.op("Add", fresh("node_Add_"), List.of(var, "ws_eps"))));
        return g.op("Div", fresh("node_Div_"), List.of(d, std));
    }

    @Override
    public String norm(String x, String module, int channels) {
        NormParams p = NormParams.of(w, module, channels, 1.0);
        if (style == BitExport.GROUP_NORM_OP) {
            String scale = g.floats(module + ".weight", new long[] {channels}, p.gamma());
            String bias = g.floats(module + ".bias", new long[] {channels}, p.beta());
            return g.op("GroupNormalization", fresh("node_group_norm_"), List.of(x, scale, bias),
                    Attr.f("epsilon", GN_EPS), Attr.i("num_groups", groups));
        }
        float[] ones = new float[groups];
        java.util.Arrays.fill(ones, 1f);
        String shape;
        String gOnes;
        String gZeros;
        String n;
        if (style == BitExport.TORCHSCRIPT) {
            n = TorchNames.node(module, "");
            shape = g.constant(n + "Constant", Tensors.longs(null, 0, groups, -1));
            gOnes = g.constant(n + "Constant_1", Tensors.floats(null, new long[] {groups}, ones));
            gZeros = g.constant(n + "Constant_2", Tensors.floats(null, new long[] {groups}, new float[groups]));
        } else {
            n = fresh("node_");
            if (gnShape == null) {
                gnShape = g.longs(fresh("val_"), 0, groups, -1);
                gnOnes = g.floats(fresh("val_"), new long[] {groups}, ones);
                gnZeros = g.floats(fresh("val_"), new long[] {groups}, new float[groups]);
            }
            shape = gnShape;
            gOnes = gnOnes;
            gZeros = gnZeros;
        }
        long[] affine = {channels, 1, 1};
        String gamma = g.floats(fresh(style == BitExport.TORCHSCRIPT ? "onnx::Mul_" : "val_"), affine, p.gamma());
        String beta = g.floats(fresh(style == BitExport.TORCHSCRIPT ? "onnx::Add_" : "val_"), affine, p.beta());
        String grouped = g.op("Reshape", n + "Reshape", List.of(x, shape), Attr.i("allowzero", 0));
        String origShape = g.op("Shape", n + "Shape", List.of(x));
        String normed = g.op("InstanceNormalization", n + "InstanceNormalization", List.of(grouped, gOnes, gZeros), Attr.f("epsilon", GN_EPS));
        String back = g.op("Reshape", n + "Reshape_1", List.of(normed, origShape), Attr.i("allowzero", 0));
        String scaled = g.op("Mul", n + "Mul", List.of(back, gamma));
        return g.op("Add", n + "Add", List.of(scaled, beta));
    }

    /** BiT's fixed stem padding before the max pool: one zero row/column on each side of H and W. */
    String stemPad(String x) {
        String n = "/stem/pad/";
        if (style != BitExport.TORCHSCRIPT) {
            String pads = g.longs(fresh("val_"), 0, 0, 1, 1, 0, 0, 1, 1);
            g.initializer(Tensors.scalar("val_pad_value", 0f));
            return g.op("Pad", "node_pad", List.of(x, pads, "val_pad_value"), Attr.s("mode", "constant"));
        }
        // torch's F.pad(x, (1, 1, 1, 1)) as the torchscript exporter lowers it: torch's (last dim first,
        // begin/end pairs) pad list turned into ONNX's [begins..., ends...] by ops on constants.
        String four = g.constant(n + "Constant", Tensors.longs(null, 4));
        String torchPads = g.constant(n + "Constant_1", Tensors.longs(null, 1, 1, 1, 1));
        String pairs = g.constant(n + "Constant_2", Tensors.longs(null, -1, 2));
        String steps = g.constant(n + "Constant_3", Tensors.longs(null, -1));
        String starts = g.constant(n + "Constant_4", Tensors.longs(null, -1));
        String ends = g.constant(n + "Constant_5", Tensors.longs(null, -9223372036854775807L));
        String axes = g.constant(n + "Constant_6", Tensors.longs(null, 0));
        String flat = g.constant(n + "Constant_7", Tensors.longs(null, -1));
        String value = g.constant(n + "Constant_8", Tensors.scalar(null, 0f));
        String zeros = g.op("ConstantOfShape", n + "ConstantOfShape", List.of(four), Attr.t("value", Tensors.longs(null, 0)));
        String all = g.op("Concat", n + "Concat", List.of(torchPads, zeros), Attr.i("axis", 0));
        String reshaped = g.op("Reshape", n + "Reshape", List.of(all, pairs), Attr.i("allowzero", 0));
        String reversed = g.op("Slice", n + "Slice", List.of(reshaped, starts, ends, axes, steps));
        String transposed = g.op("Transpose", n + "Transpose", List.of(reversed), Attr.ints("perm", 1, 0));
        String onnxPads = g.op("Reshape", n + "Reshape_1", List.of(transposed, flat), Attr.i("allowzero", 0));
        String cast = g.op("Cast", n + "Cast", List.of(onnxPads), Attr.i("to", 7));
        return g.op("Pad", n + "Pad", List.of(x, cast, value), Attr.s("mode", "constant"));
    }
}
