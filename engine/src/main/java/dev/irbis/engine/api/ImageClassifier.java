package dev.irbis.engine.api;

import dev.irbis.engine.InvalidInputException;
import dev.irbis.engine.image.ImageDecoder;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Classifies images with a model: decodes and preprocesses them, runs the model and returns the
 * top-k classes with probabilities. Thread-safe: one classifier (and its model) can serve many
 * threads at once. The classifier takes over the model: {@link #close} closes it.
 *
 * <pre>{@code
 * try (ImageClassifier c = ImageClassifier.builder(OnnxLoader.load(path))
 *         .preprocessing(Preprocessing.torchvision()).labels(Labels.read(labelFile)).build()) {
 *     List<Prediction> top5 = c.classify(Path.of("cat.jpg"));
 * }
 * }</pre>
 *
 * <p>Whether the output holds logits or probabilities is read from the graph ({@link ScoreKind#AUTO}):
 * an output computed by a Softmax is used as it is, anything else gets a numerically stable softmax.
 */
public final class ImageClassifier implements AutoCloseable {
    private final Model model;
    private final Preprocessing preprocessing;
    private final ImageInputShape inputShape;
    private final String inputName;
    private final String outputName;
    private final Labels labels;
    private final ScoreKind scoreKind;
    private final int topK;

    private ImageClassifier(Builder b) {
        this.model = b.model;
        this.preprocessing = b.preprocessing;
        ValueInfo input = model.inputs().getFirst();
        this.inputName = input.name();
        this.inputShape = ImageInputShape.resolve(input, preprocessing, b.size);
        this.outputName = b.output != null ? b.output : model.outputs().getFirst().name();
        if (model.outputs().stream().noneMatch(v -> v.name().equals(outputName))) {
            throw new InvalidInputException("the model has no output named '" + outputName + "'; its outputs are " + model.outputs());
        }
        this.labels = b.labels != null ? b.labels : Labels.fromMetadata(model.metadata()).orElse(null);
        this.scoreKind = b.scoreKind == ScoreKind.AUTO ? ScoreKindDetector.detect(model.optimisedGraph(), outputName) : b.scoreKind;
        this.topK = b.topK;
        ValueInfo out = model.outputs().stream().filter(v -> v.name().equals(outputName)).findFirst().orElseThrow();
        int declared = declaredClasses(out);
        if (labels != null && declared > 0) {
            labels.checkMatches(declared);
        }
    }

    /** The class count from fixed non-batch output dims, or 0 when unknown. */
    private static int declaredClasses(ValueInfo out) {
        if (out.dims() == null || out.dims().isEmpty()) {
            return 0;
        }
        long n = 1;
        for (int i = 1; i < out.dims().size(); i++) {
            if (!out.dims().get(i).isFixed()) {
                return 0;
            }
            n *= out.dims().get(i).value();
        }
        return out.dims().size() == 1 ? 0 : Math.toIntExact(n);
    }

    public static Builder builder(Model model) {
        return new Builder(model);
    }

    /** Top-k classes of an image file (JPEG or PNG; EXIF orientation applied). */
    public List<Prediction> classify(Path image) {
        return classify(ImageDecoder.read(image));
    }

    public List<Prediction> classify(BufferedImage image) {
        return classifyAll(List.of(image)).getFirst();
    }

    /** Top-k classes of an input already preprocessed to the model's input shape (batch 1). */
    public List<Prediction> classify(Tensor preprocessed) {
        List<List<Prediction>> r = classifyBatch(preprocessed);
        if (r.size() != 1) {
            throw new InvalidInputException("classify(Tensor) takes one image but the tensor holds " + r.size() + "; use classifyBatch");
        }
        return r.getFirst();
    }

    public List<List<Prediction>> classifyFiles(List<Path> images) {
        return classifyAll(images.stream().map(ImageDecoder::read).toList());
    }

    /** Classifies several images, in batches the model accepts (one run when its batch is dynamic). */
    public List<List<Prediction>> classifyAll(List<BufferedImage> images) {
        List<List<Prediction>> out = new ArrayList<>(images.size());
        for (float[] p : probabilities(images)) {
            out.add(top(p));
        }
        return out;
    }

    /** Classifies every image of a preprocessed batch tensor. */
    public List<List<Prediction>> classifyBatch(Tensor preprocessed) {
        List<List<Prediction>> out = new ArrayList<>();
        for (float[] p : run(preprocessed)) {
            out.add(top(p));
        }
        return out;
    }

    /** The full probability vector of each image. */
    public List<float[]> probabilities(List<BufferedImage> images) {
        return ImageBatches.map(images, preprocessing, inputShape, this::run);
    }

    private List<float[]> run(Tensor input) {
        Map<String, Tensor> outs = model.run(Map.of(inputName, input));
        float[] scores;
        long batch = input.rank() > 0 ? input.dim(0) : 1;
        try {
            Tensor t = outs.get(outputName);
            scores = t.toFloatArray();
            if (t.rank() == 1) {
                batch = 1;
            } else if (t.rank() > 0 && t.dim(0) != batch) {
                throw new InvalidInputException("output '" + outputName + "' has shape " + Arrays.toString(t.shape())
                        + "; expected the batch size " + batch + " first");
            }
        } finally {
            outs.values().forEach(Tensor::close);
        }
        int classes = (int) (scores.length / batch);
        if (labels != null) {
            labels.checkMatches(classes);
        }
        List<float[]> rows = new ArrayList<>((int) batch);
        for (int b = 0; b < batch; b++) {
            rows.add(scoreKind == ScoreKind.PROBABILITIES ? Arrays.copyOfRange(scores, b * classes, (b + 1) * classes)
                    : Softmax.of(scores, b * classes, classes));
        }
        return rows;
    }

    private List<Prediction> top(float[] p) {
        int k = Math.min(topK, p.length);
        List<Prediction> out = new ArrayList<>(k);
        boolean[] taken = new boolean[p.length];
        for (int j = 0; j < k; j++) {
            int best = -1;
            for (int i = 0; i < p.length; i++) {
                // Strictly greater keeps the lower index on ties, so results are reproducible.
                if (!taken[i] && (best < 0 || p[i] > p[best] || (Float.isNaN(p[best]) && !Float.isNaN(p[i])))) {
                    best = i;
                }
            }
            taken[best] = true;
            out.add(new Prediction(best, labels != null ? labels.get(best) : Integer.toString(best), p[best]));
        }
        return List.copyOf(out);
    }

    public ImageInputShape inputShape() {
        return inputShape;
    }

    public Preprocessing preprocessing() {
        return preprocessing;
    }

    public Optional<Labels> labels() {
        return Optional.ofNullable(labels);
    }

    /** LOGITS or PROBABILITIES: what the output was found (or declared) to hold. */
    public ScoreKind scoreKind() {
        return scoreKind;
    }

    public Model model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }

    /** Configures a classifier. Only the model is required. */
    public static final class Builder {
        private final Model model;
        private Preprocessing preprocessing = Preprocessing.torchvision();
        private Labels labels;
        private ScoreKind scoreKind = ScoreKind.AUTO;
        private int topK = 5;
        private String output;
        private int[] size;

        private Builder(Model model) {
            this.model = Objects.requireNonNull(model, "model");
            if (model.inputs().size() != 1) {
                throw new InvalidInputException("an image classifier needs a model with one input; this one has "
                        + model.inputs().size() + ": " + model.inputs());
            }
        }

        /** Default: {@link Preprocessing#torchvision()}. */
        public Builder preprocessing(Preprocessing p) {
            this.preprocessing = Objects.requireNonNull(p, "preprocessing");
            return this;
        }

        /** Default: labels from the model's metadata when present, else none (labels are the class indices). */
        public Builder labels(Labels l) {
            this.labels = Objects.requireNonNull(l, "labels");
            return this;
        }

        public Builder scores(ScoreKind k) {
            this.scoreKind = Objects.requireNonNull(k, "scoreKind");
            return this;
        }

        /** How many classes each result lists (default 5). */
        public Builder topK(int k) {
            if (k < 1) {
                throw new IllegalArgumentException("topK must be at least 1, got " + k);
            }
            this.topK = k;
            return this;
        }

        /** The output holding the class scores (default: the first). */
        public Builder output(String name) {
            this.output = Objects.requireNonNull(name, "output");
            return this;
        }

        /** The resolution to use when the model's is dynamic (must agree with fixed dims). */
        public Builder imageSize(int height, int width) {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("the image size must be positive, got " + width + "x" + height);
            }
            this.size = new int[] {height, width};
            return this;
        }

        public ImageClassifier build() {
            return new ImageClassifier(this);
        }
    }
}
