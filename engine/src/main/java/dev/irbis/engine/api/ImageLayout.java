package dev.irbis.engine.api;

/** Where the channel axis sits in a model's image input. */
public enum ImageLayout {
    /** [batch, channels, height, width]: PyTorch, ONNX zoo, BiT exports. */
    NCHW,
    /** [batch, height, width, channels]: TensorFlow and Keras exports. */
    NHWC
}
