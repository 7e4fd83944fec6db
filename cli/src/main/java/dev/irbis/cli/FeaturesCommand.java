package dev.irbis.cli;

import dev.irbis.engine.IrbisException;
import dev.irbis.engine.api.FeatureExtractor;
import dev.irbis.engine.api.Preprocessing;
import dev.irbis.engine.image.ImageDecoder;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.LoadedGraph;
import dev.irbis.loader.io.NpyFormat;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code irbis features}: the feature vector a classifier computes before its head, for each image. */
@Command(
        name = "features",
        mixinStandardHelpOptions = true,
        description = {
            "Writes one feature vector per image to a .npy file of shape [images, dim] (float32): by default the"
                    + " globally pooled values the classifier head reads (2048 for ResNet-50), found automatically.",
            "The head is cut off before the model is compiled, so it costs nothing."
        },
        sortOptions = false,
        footer = {"", "Example:", "  irbis features --model resnet50.onnx cat.jpg dog.jpg --out features.npy"})
final class FeaturesCommand implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "The ONNX model file (.onnx).")
    private Path model;

    @Mixin
    private PreprocessingOptions preprocessing;

    @Option(names = "--layer", paramLabel = "NAME",
            description = "The graph value to extract (a node output name, as 'irbis info' and Netron show)"
                    + " instead of the automatically found pooled features.")
    private String layer;

    @Option(names = {"-o", "--out"}, required = true, paramLabel = "FILE.npy", description = "Where to write the [images, dim] float32 array.")
    private Path out;

    @Mixin
    private ModelLoading loading;

    @Mixin
    private VerboseOption verbose;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files (JPEG or PNG).")
    private List<Path> images;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        Preprocessing recipe = preprocessing.build(cmd);
        int[] size = preprocessing.size(cmd);
        Path parent = out.toAbsolutePath().getParent();
        if (!Files.isDirectory(parent)) {
            throw new IOException("cannot write " + out + ": folder " + parent + " does not exist");
        }
        ImageFiles.checkReadable(images);
        List<BufferedImage> decoded = images.stream().map(ImageDecoder::read).toList();
        float[][] rows;
        String value;
        try (FeatureExtractor fx = build(loading.read(cmd, model), recipe, size)) {
            value = fx.featureValue();
            rows = fx.extractAll(decoded).toArray(new float[0][]);
        }
        int dim = rows[0].length;
        float[] flat = new float[rows.length * dim];
        for (int i = 0; i < rows.length; i++) {
            System.arraycopy(rows[i], 0, flat, i * dim, dim);
        }
        try (Tensor t = Tensor.ofFloats(new long[] {rows.length, dim}, flat)) {
            NpyFormat.write(out, t);
        }
        PrintWriter w = cmd.getOut();
        w.println("features '" + value + "': " + rows.length + " x " + dim + " float32 -> " + out);
        w.flush();
        return ExitCodes.OK;
    }

    private FeatureExtractor build(LoadedGraph loaded, Preprocessing recipe, int[] size) {
        try {
            FeatureExtractor.Builder b = FeatureExtractor.builder(loaded.graph(), loaded.resources())
                    .preprocessing(recipe).options(loading.options(spec.commandLine()));
            if (layer != null) {
                b.value(layer);
            }
            if (size != null) {
                b.imageSize(size[0], size[1]);
            }
            return b.build();
        } catch (IrbisException e) {
            loaded.close();
            throw e.addContext(String.valueOf(model.getFileName()));
        } catch (RuntimeException e) {
            loaded.close();
            throw e;
        }
    }
}
