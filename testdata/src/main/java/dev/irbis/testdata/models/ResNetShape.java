package dev.irbis.testdata.models;

/**
 * The sizes of a bottleneck ResNet: blocks per stage, stem width, bottleneck (mid) width per stage (each
 * stage outputs 4x its mid width), square input size, and the group count of group norms (BiT).
 */
public record ResNetShape(int[] layers, int stemWidth, int[] midWidths, int inputSize, int groups) {
    public static final int EXPANSION = 4;

    /** ResNet-50 / BiT R50x1: [3, 4, 6, 3], widths 64..512, 224x224. */
    public static ResNetShape resnet50() {
        return new ResNetShape(new int[] {3, 4, 6, 3}, 64, new int[] {64, 128, 256, 512}, 224, 32);
    }

    /** BiT R152x4: [3, 8, 36, 3] at four times the width (stage outputs up to 8192 channels). */
    public static ResNetShape r152x4() {
        return new ResNetShape(new int[] {3, 8, 36, 3}, 256, new int[] {256, 512, 1024, 2048}, 224, 32);
    }

    /**
     * The same graph structure, small enough for CI in milliseconds: stage 2 keeps two blocks so an
     * identity-shortcut block is present, widths are 1/8 and the input is 64x64.
     */
    public static ResNetShape tiny() {
        return new ResNetShape(new int[] {1, 2, 1, 1}, 16, new int[] {8, 16, 32, 64}, 64, 8);
    }

    public int outWidth(int stage) {
        return midWidths[stage] * EXPANSION;
    }

    public int featureDim() {
        return outWidth(midWidths.length - 1);
    }
}
