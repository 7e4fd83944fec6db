package dev.irbis.cli;

import dev.irbis.engine.api.ImageClassifier;
import dev.irbis.engine.api.Labels;
import dev.irbis.engine.api.Model;
import dev.irbis.engine.api.Prediction;
import dev.irbis.engine.api.Preprocessing;
import dev.irbis.engine.image.ImageDecoder;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code irbis classify}: the top-k classes of images. */
@Command(
        name = "classify",
        mixinStandardHelpOptions = true,
        description = {
            "Classifies images (JPEG or PNG) and prints, for each, the top-k classes: rank, probability, a bar,"
                    + " label and class index.",
            "",
            "The model's output is turned into probabilities with a softmax unless a Softmax node already computes it."
                    + " The preprocessing must be the one the model was trained with: see --preset, and the custom"
                    + " flags for other models."
        },
        sortOptions = false,
        footer = {
            "",
            "Examples:",
            "  irbis classify --model resnet50.onnx --labels imagenet_classes.txt cat.jpg dog.png",
            "  irbis classify --model bit_m-r50x1.onnx --preset bit --labels imagenet21k_wordnet_lemmas.txt --top 10 cat.jpg",
            "  irbis classify --model mnist-8/model.onnx --channels gray --scale 1 digit.png",
            "  irbis classify --model resnet20.onnx --scale 1/255 --mean 0.4914,0.4822,0.4465 --std 0.2023,0.1994,0.2010 horse.png"
        })
final class ClassifyCommand implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL", description = "The ONNX model file (.onnx).")
    private Path model;

    @Mixin
    private LabelsOption labels;

    @Mixin
    private PreprocessingOptions preprocessing;

    @Option(names = {"-k", "--top"}, paramLabel = "K", defaultValue = "5", description = "How many classes to list (default: ${DEFAULT-VALUE}).")
    private int top;

    @Option(names = "--json", description = "Print one JSON object per image (one per line) instead of the table.")
    private boolean json;

    @Option(names = "--plot", paramLabel = "FILE.png",
            description = "Also draw the top-k of every image as a bar chart beside the image, into this PNG file.")
    private Path plot;

    @Mixin
    private ModelLoading loading;

    @Mixin
    private VerboseOption verbose;

    @Parameters(paramLabel = "IMAGE", arity = "1..*", description = "Image files (JPEG or PNG).")
    private List<Path> images;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        if (top < 1) {
            throw new CommandLine.ParameterException(cmd, "--top must be at least 1, got " + top);
        }
        Preprocessing recipe = preprocessing.build(cmd);
        int[] size = preprocessing.size(cmd);
        if (plot != null && !Files.isDirectory(plot.toAbsolutePath().getParent())) {
            throw new IOException("cannot write " + plot + ": folder " + plot.toAbsolutePath().getParent() + " does not exist");
        }
        ImageFiles.checkReadable(images);
        Labels names = labels.read();
        PrintWriter out = cmd.getOut();
        List<TopKPlot.Row> rows = new ArrayList<>();
        try (ImageClassifier classifier = build(loading.load(cmd, model), recipe, names, size)) {
            for (Path image : images) {
                BufferedImage decoded = ImageDecoder.read(image);
                long t0 = System.nanoTime();
                List<Prediction> result = classifier.classify(decoded);
                double millis = (System.nanoTime() - t0) / 1e6;
                if (json) {
                    out.println(TopKText.json(image.toString(), model.toString(), recipe.name(), millis, result));
                } else {
                    out.printf("%s  (%s, %dx%d, %.0f ms)%n", image, recipe.name(), classifier.inputShape().width(),
                            classifier.inputShape().height(), millis);
                    out.print(TopKText.format(result));
                }
                out.flush();
                if (plot != null) {
                    rows.add(new TopKPlot.Row(String.valueOf(image.getFileName()), decoded, result));
                }
            }
        }
        if (plot != null) {
            TopKPlot.write(plot, rows);
            if (!json) {
                out.println("plot -> " + plot);
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    private ImageClassifier build(Model m, Preprocessing recipe, Labels names, int[] size) {
        try {
            ImageClassifier.Builder b = ImageClassifier.builder(m).preprocessing(recipe).topK(top);
            if (names != null) {
                b.labels(names);
            }
            if (size != null) {
                b.imageSize(size[0], size[1]);
            }
            return b.build();
        } catch (RuntimeException e) {
            m.close();
            throw e;
        }
    }
}
