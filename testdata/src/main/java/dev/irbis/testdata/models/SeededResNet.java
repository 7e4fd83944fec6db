package dev.irbis.testdata.models;

/**
 * What every generated ResNet family shares: its block shape, class count, weight seed, file name and
 * whether the weights go to an external data file. Subclasses write the graph itself.
 */
abstract class SeededResNet implements ModelFamily {
    protected final ResNetShape shape;
    protected final int classes;
    protected final long seed;
    private final String name;
    private final boolean externalData;

    SeededResNet(ResNetShape shape, int classes, long seed, String name, boolean externalData) {
        this.shape = shape;
        this.classes = classes;
        this.seed = seed;
        this.name = name;
        this.externalData = externalData;
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final int inputSize() {
        return shape.inputSize();
    }

    @Override
    public final int featureDim() {
        return shape.featureDim();
    }

    @Override
    public final int classes() {
        return classes;
    }

    @Override
    public final boolean externalData() {
        return externalData;
    }
}
