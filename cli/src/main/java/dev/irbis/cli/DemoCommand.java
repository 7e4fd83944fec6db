package dev.irbis.cli;

import dev.irbis.engine.api.ImageClassifier;
import dev.irbis.engine.api.Labels;
import dev.irbis.engine.api.Model;
import dev.irbis.engine.api.Prediction;
import dev.irbis.engine.api.Preprocessing;
import dev.irbis.testdata.models.ModelFamily;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import javax.imageio.ImageIO;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code irbis demo}: the whole path on a fresh machine, nothing downloaded. */
@Command(
        name = "demo",
        mixinStandardHelpOptions = true,
        description = {
            "Shows the whole path with nothing downloaded: generates a ResNet-50 (torchvision structure) with seeded"
                    + " random weights (once; cached), draws a test picture, classifies it and prints the top-5 and the time.",
            "The weights are NOT trained, so the classes are meaningless; the output says how to use real weights."
        },
        sortOptions = false)
final class DemoCommand implements Callable<Integer> {
    /** The label file looked for beside the repository (never copied into it). */
    static final String SHARED_LABELS = "../shared/labels/imagenet_classes.txt";

    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = "--cache", paramLabel = "DIR",
            description = "Where the generated model is kept (default: $IRBIS_CACHE, else ~/.cache/irbis).")
    private Path cache;

    @Option(names = "--tiny",
            description = "Use a small model of the same structure (64x64 input, 100 classes): generated in seconds.")
    private boolean tiny;

    @Option(names = {"-l", "--labels"}, paramLabel = "FILE",
            description = "ImageNet class names (default: " + SHARED_LABELS + " beside the Irbis folder when it exists, else class indices).")
    private Path labelsFile;

    @Mixin
    private ModelLoading loading;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call() throws IOException {
        CommandLine cmd = spec.commandLine();
        PrintWriter out = cmd.getOut();
        Path dir = cache != null ? cache : DemoModelCache.defaultDir();
        ModelFamily family = DemoModelCache.family(tiny);
        Path modelFile = DemoModelCache.file(dir, family);
        out.println("Irbis demo: a ResNet-50 on a picture, computed here in pure Java; nothing is downloaded.");
        if (Files.isRegularFile(modelFile)) {
            out.println("model    " + modelFile + " (generated earlier, from the cache)");
        } else {
            out.println("model    generating " + family.name() + " (ResNet-50 structure, seeded random weights) into " + dir
                    + "; this happens once...");
            out.flush();
            long t0 = System.nanoTime();
            DemoModelCache.get(dir, family);
            out.printf("         done in %.1f s: %s%n", (System.nanoTime() - t0) / 1e9, modelFile);
        }
        BufferedImage picture = DemoImage.draw();
        Path pictureFile = dir.resolve("demo-picture.png");
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(picture, "png", png);
        AtomicFiles.write(pictureFile, png.toByteArray());
        out.println("picture  " + pictureFile + " (a red car under a sky, drawn with Java2D, "
                + DemoImage.WIDTH + "x" + DemoImage.HEIGHT + ")");
        Labels labels = labels(family, out);
        out.flush();

        long t0 = System.nanoTime();
        Model model = loading.load(cmd, modelFile);
        double loadSeconds = (System.nanoTime() - t0) / 1e9;
        try (ImageClassifier classifier = build(model, labels)) {
            classifier.classify(picture); // the first run pays for JIT compilation; time the second
            long t1 = System.nanoTime();
            List<Prediction> top = classifier.classify(picture);
            double millis = (System.nanoTime() - t1) / 1e6;
            out.printf("time     load %.2f s, classify %.0f ms (torchvision preprocessing, %dx%d, %d threads)%n", loadSeconds,
                    millis, classifier.inputShape().width(), classifier.inputShape().height(), model.options().threads());
            out.println();
            out.println("top-5:");
            out.print(TopKText.format(top));
        }
        out.println();
        out.println("NOTE: these weights are random (seeded), NOT trained, so the classes above mean nothing.");
        out.println("For real predictions use trained weights, e.g. the ONNX model zoo's ResNet-50 or torchvision's exported");
        out.println("with torch.onnx.export (see README.md, \"Real weights\"), then:");
        out.println("  ./irbis classify --model resnet50.onnx --preset torchvision --labels imagenet_classes.txt photo.jpg");
        out.flush();
        return ExitCodes.OK;
    }

    private ImageClassifier build(Model model, Labels labels) {
        try {
            ImageClassifier.Builder b = ImageClassifier.builder(model).preprocessing(Preprocessing.torchvision()).topK(5);
            if (labels != null) {
                b.labels(labels);
            }
            return b.build();
        } catch (RuntimeException e) {
            model.close();
            throw e;
        }
    }

    /** The given labels, or the shared ImageNet list for the 1000-class model, else none (indices). */
    private Labels labels(ModelFamily family, PrintWriter out) {
        if (labelsFile != null) {
            if (!Files.isRegularFile(labelsFile)) {
                throw new InputFileException("labels '" + labelsFile + "': no such file", null);
            }
            return Labels.read(labelsFile);
        }
        Path shared = sharedLabels();
        if (family.classes() == 1000 && shared != null) {
            out.println("labels   " + shared.normalize());
            return Labels.read(shared);
        }
        out.println("labels   none found (" + SHARED_LABELS + " beside Irbis); showing class indices");
        return null;
    }

    /** {@link #SHARED_LABELS} relative to the Irbis folder (the launcher passes -Dirbis.home), else to the working folder. */
    private static Path sharedLabels() {
        String home = System.getProperty("irbis.home");
        for (Path base : home != null ? List.of(Path.of(home), Path.of("")) : List.of(Path.of(""))) {
            Path p = base.toAbsolutePath().resolve(SHARED_LABELS);
            if (Files.isRegularFile(p)) {
                return p;
            }
        }
        return null;
    }
}
