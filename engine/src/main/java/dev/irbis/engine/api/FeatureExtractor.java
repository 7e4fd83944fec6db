package dev.irbis.engine.api;

import dev.irbis.engine.InvalidInputException;
import dev.irbis.engine.image.ImageDecoder;
import dev.irbis.engine.ir.Graph;
import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.tensor.Tensor;
import java.awt.image.BufferedImage;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Runs a classification network without its head and returns one feature vector per image (for
 * instance the 2048 values ResNet-50 pools before its classifier). The feature value is found
 * automatically (see {@link #builder}) or named by the caller; the graph is then compiled with
 * that value as its only output, so the optimisation passes' dead-code elimination drops the head.
 * Thread-safe; {@link #close} frees the model it compiled.
 */
public final class FeatureExtractor implements AutoCloseable {
    private final Model model;
    private final Preprocessing preprocessing;
    private final ImageInputShape inputShape;
    private final String inputName;
    private final String featureValue;

    private FeatureExtractor(Builder b) {
        Graph g = b.graph;
        if (g.inputs().size() != 1) {
            throw new InvalidInputException("a feature extractor needs a model with one input; this one has "
                    + g.inputs().size() + ": " + g.inputs());
        }
        String value = b.value != null ? b.value : PooledFeatureFinder.find(g);
        if (!isDefined(g, value)) {
            throw new InvalidInputException("the model has no value named '" + value + "' to extract");
        }
        this.preprocessing = b.preprocessing;
        this.inputName = g.inputs().getFirst().name();
        this.inputShape = ImageInputShape.resolve(g.inputs().getFirst(), preprocessing, b.size);
        this.featureValue = value;
        Graph headless = g.withOutputs(List.of(new ValueInfo(value, null, null)));
        this.model = new Model(headless, b.resources, b.options);
    }

    private static boolean isDefined(Graph g, String value) {
        if (g.initializers().containsKey(value) || g.inputs().stream().anyMatch(v -> v.name().equals(value))) {
            return true;
        }
        for (Node n : g.nodes()) {
            if (n.outputs().contains(value)) {
                return true;
            }
        }
        return false;
    }

    /**
     * Starts a feature extractor for a graph it takes over, with the {@code resources} (mapped
     * files) behind its weights. The automatic choice walks back from the first output through the
     * softmax, bias and reshapes to the final Gemm, MatMul or 1x1 Conv, and takes that head's input
     * when it is the (possibly flattened) output of a global pooling (GlobalAveragePool, ReduceMean,
     * GlobalMaxPool).
     */
    public static Builder builder(Graph graph, List<? extends AutoCloseable> resources) {
        return new Builder(graph, resources);
    }

    public float[] extract(Path image) {
        return extract(ImageDecoder.read(image));
    }

    public float[] extract(BufferedImage image) {
        return extractAll(List.of(image)).getFirst();
    }

    /** One feature vector per image, in batches the model accepts. */
    public List<float[]> extractAll(List<BufferedImage> images) {
        return ImageBatches.map(images, preprocessing, inputShape, this::extractBatch);
    }

    /** Feature vectors of a preprocessed batch: each image's values flattened. */
    public List<float[]> extractBatch(Tensor preprocessed) {
        Map<String, Tensor> outs = model.run(Map.of(inputName, preprocessed));
        float[] v;
        try {
            v = outs.get(featureValue).toFloatArray();
        } finally {
            outs.values().forEach(Tensor::close);
        }
        int batch = (int) preprocessed.dim(0);
        int d = v.length / batch;
        List<float[]> rows = new ArrayList<>(batch);
        for (int b = 0; b < batch; b++) {
            rows.add(Arrays.copyOfRange(v, b * d, (b + 1) * d));
        }
        return rows;
    }

    /** The graph value the features are read from. */
    public String featureValue() {
        return featureValue;
    }

    public ImageInputShape inputShape() {
        return inputShape;
    }

    /** The compiled headless model. */
    public Model model() {
        return model;
    }

    @Override
    public void close() {
        model.close();
    }

    /** Configures a feature extractor; only the graph is required. */
    public static final class Builder {
        private final Graph graph;
        private final List<? extends AutoCloseable> resources;
        private Preprocessing preprocessing = Preprocessing.torchvision();
        private Model.Options options = Model.Options.defaults();
        private String value;
        private int[] size;

        private Builder(Graph graph, List<? extends AutoCloseable> resources) {
            this.graph = Objects.requireNonNull(graph, "graph");
            this.resources = List.copyOf(resources);
        }

        /** Default: {@link Preprocessing#torchvision()}. */
        public Builder preprocessing(Preprocessing p) {
            this.preprocessing = Objects.requireNonNull(p, "preprocessing");
            return this;
        }

        public Builder options(Model.Options o) {
            this.options = Objects.requireNonNull(o, "options");
            return this;
        }

        /** Extract this value instead of the automatically found one. */
        public Builder value(String name) {
            this.value = Objects.requireNonNull(name, "value");
            return this;
        }

        public Builder imageSize(int height, int width) {
            if (height < 1 || width < 1) {
                throw new IllegalArgumentException("the image size must be positive, got " + width + "x" + height);
            }
            this.size = new int[] {height, width};
            return this;
        }

        /** Compiles the headless model; the graph and resources belong to the extractor from then on. */
        public FeatureExtractor build() {
            return new FeatureExtractor(this);
        }
    }
}
