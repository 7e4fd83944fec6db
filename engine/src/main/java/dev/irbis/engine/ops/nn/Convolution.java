package dev.irbis.engine.ops.nn;

import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.exec.ExecContext;
import dev.irbis.engine.ir.Attributes;
import dev.irbis.engine.tensor.DataType;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.kernels.conv.ConvEpilogue;
import dev.irbis.kernels.conv.ConvGemm;
import dev.irbis.kernels.conv.FewChannelConv;
import dev.irbis.kernels.conv.WindowGeometry;
import dev.irbis.kernels.conv.WinogradConv;
import dev.irbis.kernels.conv.WinogradTile;
import dev.irbis.kernels.conv.WinogradWeights;
import dev.irbis.kernels.gemm.PrepackedA;
import dev.irbis.kernels.gemm.VectorGemm;
import java.lang.foreign.MemorySegment;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.Map;

/**
 * What Conv and FusedConv share: the Conv attributes (auto_pad, dilations, group, kernel_shape, pads,
 * strides), the shape checks, and the choice of kernel for {@code Y = act(conv(X, W) + B + R)}:
 * <ul>
 * <li>Winograd ({@link WinogradConv}) for 2-D 3x3 stride-1 undilated single-group convolutions
 *     where it pays: at least {@value #WINOGRAD_MIN_CHANNELS} input and output channels (below that the
 *     per-channel transforms cost as much as the multiplies they save) and at least {@value #WINOGRAD_MIN_TILES}
 *     output tiles over the batch (with fewer, the products are too thin to reuse weights that are
 *     several times the originals' size), and transformed
 *     weights of at most {@code irbis.conv.winograd.maxWeightBytes} (default 40 MiB) per layer, since the
 *     transformed copy is kept for the model's life, which wide models cannot afford on every layer: the cap
 *     takes 512-channel layers (36 MiB; ResNet-50's 7x7 stage at batch 8, 1.65x faster there, and BiT-M
 *     R152x4's stage 2, +264 MB) but not R152x4's 1024- and 2048-channel ones (144 and 576 MiB each).
 *     On ResNet-50's stages 2 to 4 at batch 1 it measured 1.3 to 1.8x faster than im2col + OpenBLAS.
 *     Of the two tiles ({@link WinogradTile}) it takes the one with fewer products times padded tiles: F(4x4, 3x3)
 *     everywhere but on small maps, where F(2x2, 3x3) covers a 7x7 map in 16 tiles (one vector) against F(4x4)'s
 *     4 padded to 16; on ResNet-50's 7x7 stage at batch 1 (512 channels), inside the model on 1 thread, F(2x2)
 *     measured 1.8 ms per layer against im2col + GEMM's 2.3 (F(4x4) there: 3.3 in isolation).
 *     Its float error is a few times im2col's (about 5e-6 of the output scale per 64-channel layer against a
 *     double reference, where im2col is about 1e-7); system property {@code irbis.conv.winograd=false}
 *     (read when the operator is built) turns it off;</li>
 * <li>a direct convolution ({@link FewChannelConv}) for 2-D single-group convolutions of inputs with at most
 *     {@value FewChannelConv#MAX_CHANNELS} channels, such as an image stem, with at least 4 output channels and output
 *     rows at least two vectors wide (16 floats with AVX2, 32 with AVX-512): im2col would unfold the input
 *     kH*kW/(sH*sW) times into a matrix with a short K. On ResNet-50's stem (7x7 stride 2, 3 to 64 channels,
 *     224x224), inside the model, it measured 4.6-5.0 ms against im2col + OpenBLAS's 6.4-6.8 ms on 1 thread,
 *     and 2.5-3.7 against 3.7-3.9 on 2. System property {@code irbis.conv.fewChannel=false} turns it off;</li>
 * <li>otherwise im2col + GEMM ({@link ConvGemm}); on maps of at most 64 outputs per image (ResNet's 7x7 stage,
 *     {@link VectorGemm#prefersPrepackedA}), for one group and weights of at most
 *     {@code irbis.conv.prepacked.maxWeightBytes} (default 40 MiB, which keeps BiT-M R152x4's 67 MiB and larger
 *     7x7-stage layers out, so its memory stays as it was), with the Vector API GEMM reading a heap copy of the
 *     weights in place ({@link PrepackedA}) whichever GEMM the model was given: packing A per call copied all of
 *     it for the one column panel a 49-column product has. Those GEMMs alone, A out of cache: 0.72-0.79x
 *     OpenBLAS's time on 1 and 2 threads. System property {@code irbis.conv.prepacked=false} turns it off.</li>
 * </ul>
 * The Winograd transform, the direct kernel's packing and the prepacked copy of the weights are done once per weight
 * tensor and
 * cached ({@link RepackedWeights}). A node whose W changes between runs (computed in the graph) goes back to
 * im2col + GEMM after the second distinct W, since the repacking would not be amortised.
 * Scratch buffers come from the run's buffer pool, so steady-state runs allocate none.
 */
final class Convolution {
    static final int WINOGRAD_MIN_CHANNELS = 16;
    static final int WINOGRAD_MIN_TILES = 16;
    static final long WINOGRAD_MAX_WEIGHT_BYTES = Long.getLong("irbis.conv.winograd.maxWeightBytes", 40L << 20);
    static final long PREPACKED_MAX_WEIGHT_BYTES = Long.getLong("irbis.conv.prepacked.maxWeightBytes", 40L << 20);

    private final String op;
    private final WindowAttributes window;
    private final int group;
    private final boolean winogradEnabled;
    private final boolean fewChannelEnabled;
    private final boolean prepackedEnabled;
    /** Per tile: one node can run both (a 7x7 map takes F(2x2) at batch 1 and F(4x4) at batch 8). */
    private final Map<WinogradTile, RepackedWeights<float[]>> winogradWeights = new EnumMap<>(WinogradTile.class);
    private final RepackedWeights<FewChannelConv.PackedWeights> fewChannelWeights = new RepackedWeights<>();
    private final RepackedWeights<PrepackedA> prepackedWeights = new RepackedWeights<>();

    Convolution(Attributes a, String op) {
        this.op = op;
        window = new WindowAttributes(a, false, true, false);
        long g = a.getLong("group", 1);
        if (g < 1 || g > Integer.MAX_VALUE) {
            throw new ModelFormatException("attribute 'group' must be a positive int, got " + g);
        }
        group = (int) g;
        winogradEnabled = Boolean.parseBoolean(System.getProperty("irbis.conv.winograd", "true"));
        for (WinogradTile tile : WinogradTile.values()) {
            winogradWeights.put(tile, new RepackedWeights<>());
        }
        fewChannelEnabled = Boolean.parseBoolean(System.getProperty("irbis.conv.fewChannel", "true"));
        prepackedEnabled = Boolean.parseBoolean(System.getProperty("irbis.conv.prepacked", "true"));
    }

    /** Checks the inputs, allocates Y and runs the chosen kernel; {@code r} (residual) may be null. */
    Tensor run(Tensor x, Tensor w, Tensor b, Tensor r, boolean relu, ExecContext ctx) {
        if (w == null) {
            throw new ShapeMismatchException(op + " input W (the weights) is required");
        }
        checkFloat("X", x);
        checkFloat("W", w);
        if (x.rank() < 3) {
            throw new ShapeMismatchException(op + " input X must have rank 3 to 5 ([N, C, spatial...]), got shape "
                    + Shape.format(x.shape()));
        }
        if (w.rank() != x.rank()) {
            throw new ShapeMismatchException(op + " weights W must have the rank of X (" + x.rank() + "), got shape "
                    + Shape.format(w.shape()));
        }
        int n = toInt(x.dim(0));
        int c = toInt(x.dim(1));
        int m = toInt(w.dim(0));
        if (c % group != 0 || w.dim(1) * group != c) {
            throw new ShapeMismatchException(op + " with group " + group + ": X has " + c + " channels, so W "
                    + Shape.format(w.shape()) + " needs dim 1 = " + (c / Math.max(1, group)) + " (and C divisible by group)");
        }
        if (m % group != 0) {
            throw new ShapeMismatchException(op + " output channels " + m + " (W dim 0) are not divisible by group " + group);
        }
        long[] spatial = Arrays.copyOfRange(x.shape(), 2, x.rank());
        long[] wKernel = Arrays.copyOfRange(w.shape(), 2, w.rank());
        long[] kernel = window.kernelShape();
        if (kernel != null && !Arrays.equals(kernel, wKernel)) {
            throw new ShapeMismatchException(op + " kernel_shape " + Shape.format(kernel) + " does not match W's spatial dims "
                    + Shape.format(wKernel));
        }
        if (b != null) {
            checkFloat("B", b);
            if (b.rank() != 1 || b.dim(0) != m) {
                throw new ShapeMismatchException(op + " bias B must have shape [" + m + "], got " + Shape.format(b.shape()));
            }
        }
        WindowGeometry g = window.resolve(spatial, wKernel, op);
        long[] outShape = new long[x.rank()];
        outShape[0] = n;
        outShape[1] = m;
        System.arraycopy(WindowAttributes.spatialOut(g, spatial.length), 0, outShape, 2, spatial.length);
        if (r != null) {
            checkFloat("R (residual)", r);
            if (!Arrays.equals(r.shape(), outShape)) {
                throw new ShapeMismatchException(op + " residual R must have the output's shape " + Shape.format(outShape)
                        + ", got " + Shape.format(r.shape()));
            }
        }
        if (g.outSize() > Integer.MAX_VALUE || g.inSize() > Integer.MAX_VALUE
                || (long) (c / group) * g.kernelSize() > Integer.MAX_VALUE) {
            throw new ShapeMismatchException(op + " problem too large for a 32-bit GEMM: input " + Shape.format(x.shape()));
        }
        // Every path writes all of y (GEMMs with beta 0, Winograd's output transform).
        Tensor y = ctx.allocateUninitialized(DataType.FLOAT, outShape);
        if (n == 0 || m == 0) {
            return y;
        }
        ConvEpilogue epilogue = new ConvEpilogue(b == null ? null : b.data(), r == null ? null : r.data(), relu);
        WinogradTile tile = winogradTile(g, n, c, m);
        if (tile != null) {
            runWinograd(tile, x, w, epilogue, y, n, c, m, g, ctx);
        } else if (useFewChannel(g, c, m)) {
            runFewChannel(x, w, epilogue, y, n, c, m, g, ctx);
        } else {
            runGemm(x, w, epilogue, y, n, c, m, g, ctx);
        }
        return y;
    }

    /** The Winograd tile this convolution runs with, or null for none (see the class comment). */
    WinogradTile winogradTile(WindowGeometry g, int n, int c, int m) {
        if (!winogradEnabled || weightsVary() || group != 1 || !WinogradConv.supports(g)
                || c < WINOGRAD_MIN_CHANNELS || m < WINOGRAD_MIN_CHANNELS) {
            return null;
        }
        WinogradTile best = null;
        long bestCost = Long.MAX_VALUE;
        for (WinogradTile tile : WinogradTile.values()) {
            // Products and transforms both scale with positions x padded tiles.
            long cost = tile.positions * WinogradConv.paddedTiles(tile, n, g);
            if ((long) n * WinogradConv.tiles(tile, g) >= WINOGRAD_MIN_TILES
                    && (long) tile.positions * m * c * Float.BYTES <= WINOGRAD_MAX_WEIGHT_BYTES
                    && WinogradWeights.fitsArray(tile, m, c)
                    && WinogradConv.productScratchFloats(tile, WinogradConv.imagesPerPass(tile, n, g), Math.max(c, m), g)
                            <= Integer.MAX_VALUE
                    && cost < bestCost) {
                best = tile;
                bestCost = cost;
            }
        }
        return best;
    }

    boolean useFewChannel(WindowGeometry g, int c, int m) {
        return fewChannelEnabled && !weightsVary() && FewChannelConv.supports(g, c, m, group);
    }

    private boolean weightsVary() {
        return winogradWeights.values().stream().anyMatch(RepackedWeights::varies) || fewChannelWeights.varies()
                || prepackedWeights.varies();
    }

    private void runFewChannel(Tensor x, Tensor w, ConvEpilogue epilogue, Tensor y, int n, int c, int m,
                               WindowGeometry g, ExecContext ctx) {
        FewChannelConv.PackedWeights packedW = fewChannelWeights.get(w, () -> FewChannelConv.packWeights(w.data(), m, c, g));
        try (Tensor phases = ctx.allocateUninitialized(DataType.FLOAT, FewChannelConv.phaseFloats(c, g))) {
            FewChannelConv.run(ctx.parallel(), x.data(), packedW, epilogue, y.data(), n, c, m, g, phases.data());
        }
    }

    private void runWinograd(WinogradTile tile, Tensor x, Tensor w, ConvEpilogue epilogue, Tensor y, int n, int c,
                             int m, WindowGeometry g, ExecContext ctx) {
        float[] u = winogradWeights.get(tile).get(w, () -> WinogradWeights.pack(tile, w.data(), m, c));
        // A few images at a time (all of them for small maps): see WinogradConv.imagesPerPass.
        int per = WinogradConv.imagesPerPass(tile, n, g);
        long inImage = (long) c * g.inSize() * Float.BYTES;
        long outImage = (long) m * g.outSize() * Float.BYTES;
        try (Tensor v = ctx.allocateUninitialized(DataType.FLOAT, WinogradConv.inputScratchFloats(tile, per, c, g));
             Tensor p = ctx.allocateUninitialized(DataType.FLOAT, WinogradConv.productScratchFloats(tile, per, m, g))) {
            for (int first = 0; first < n; first += per) {
                int images = Math.min(per, n - first);
                WinogradConv.run(ctx.parallel(), tile, x.data().asSlice(first * inImage, images * inImage), u,
                        epilogue.forSlice(first * outImage, images * outImage),
                        y.data().asSlice(first * outImage, images * outImage), images, c, m, g, v.data(), p.data());
            }
        }
    }

    /** Whether the GEMM path runs on prepacked weights (see the class comment). */
    boolean usePrepacked(WindowGeometry g, int c, int m) {
        if (!prepackedEnabled || group != 1 || weightsVary() || !VectorGemm.prefersPrepackedA((int) Math.min(
                Integer.MAX_VALUE, g.outSize()))) {
            return false;
        }
        long cols = (long) c * g.kernelSize();
        return cols <= Integer.MAX_VALUE && (long) m * cols * Float.BYTES <= PREPACKED_MAX_WEIGHT_BYTES
                && PrepackedA.fits(m, (int) cols);
    }

    private void runGemm(Tensor x, Tensor w, ConvEpilogue epilogue, Tensor y, int n, int c, int m,
                         WindowGeometry g, ExecContext ctx) {
        long colFloats = ConvGemm.scratchFloats(c, group, g);
        try (Tensor col = colFloats == 0 ? null : ctx.allocateUninitialized(DataType.FLOAT, colFloats)) {
            MemorySegment colData = col == null ? null : col.data();
            if (usePrepacked(g, c, m)) {
                PrepackedA packed = prepackedWeights.get(w, () -> PrepackedA.of(w.data(), 0, m,
                        c * (int) g.kernelSize()));
                ConvGemm.run(new VectorGemm(ctx.parallel()), ctx.parallel(), x.data(), packed, epilogue, y.data(), n,
                        c, g, colData);
            } else {
                ConvGemm.run(ctx.gemm(), ctx.parallel(), x.data(), w.data(), epilogue, y.data(), n, c, m, group, g,
                        colData);
            }
        }
    }

    private void checkFloat(String what, Tensor t) {
        if (t.dataType() != DataType.FLOAT) {
            throw new ShapeMismatchException(op + " supports float32 only; input " + what + " is " + t.dataType());
        }
    }

    private int toInt(long v) {
        if (v > Integer.MAX_VALUE) {
            throw new ShapeMismatchException(op + " dimension " + v + " is too large");
        }
        return (int) v;
    }
}
