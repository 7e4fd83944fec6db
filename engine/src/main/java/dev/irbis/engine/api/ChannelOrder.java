package dev.irbis.engine.api;

/** The channels a model expects, in order. */
public enum ChannelOrder {
    /** Red, green, blue (PyTorch, TensorFlow, most models). */
    RGB(3),
    /** Blue, green, red (Caffe and Keras "caffe"-mode models). */
    BGR(3),
    /** One luma channel (MNIST-style models). */
    GRAY(1);

    private final int channels;

    ChannelOrder(int channels) {
        this.channels = channels;
    }

    public int channels() {
        return channels;
    }
}
