package dev.irbis.testdata.models;

import dev.irbis.testdata.onnx.OnnxGraphBuilder;

/** One generated architecture at one size, deterministic from its seed. */
public interface ModelFamily {
    /** File stem, e.g. {@code resnet50-v1-tiny-c100-s42}. */
    String name();

    int inputSize();

    /** Channels of the pooled feature vector the head reads. */
    int featureDim();

    int classes();

    /** Whether weights go to an external data file (models over protobuf's 2 GiB limit). */
    boolean externalData();

    /**
     * Builds the graph. {@code head == null} builds it without the classifier: its output is the pooled
     * feature vector, which {@link HeadCalibration} measures to scale the head.
     */
    OnnxGraphBuilder build(Head head);
}
