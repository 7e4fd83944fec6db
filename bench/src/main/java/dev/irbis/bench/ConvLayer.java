package dev.irbis.bench;

import java.util.List;

/**
 * A conv layer of ResNet-50 at batch 1 by name ({@code res3-3x3}), with its shape: input channels and
 * size, output channels, square kernel, stride and symmetric padding.
 */
public record ConvLayer(String name, int inChannels, int size, int outChannels, int kernel, int stride, int pad) {
    public static final List<ConvLayer> RESNET50 = List.of(
            new ConvLayer("conv1-7x7s2", 3, 224, 64, 7, 2, 3),
            new ConvLayer("res2-1x1", 256, 56, 64, 1, 1, 0),
            new ConvLayer("res2-3x3", 64, 56, 64, 3, 1, 1),
            new ConvLayer("res3-3x3s2", 128, 56, 128, 3, 2, 1),
            new ConvLayer("res4-3x3", 256, 14, 256, 3, 1, 1),
            new ConvLayer("res5-1x1", 512, 7, 2048, 1, 1, 0));

    public static ConvLayer byName(String name) {
        for (ConvLayer l : RESNET50) {
            if (l.name.equals(name)) {
                return l;
            }
        }
        throw new IllegalArgumentException("unknown conv layer '" + name + "'; known: "
                + RESNET50.stream().map(ConvLayer::name).toList());
    }

    public int outSize() {
        return (size + 2 * pad - kernel) / stride + 1;
    }

    public double flops() {
        return 2.0 * outChannels * inChannels * kernel * kernel * outSize() * outSize();
    }
}
