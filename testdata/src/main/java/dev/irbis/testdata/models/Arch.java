package dev.irbis.testdata.models;

/** The generated architectures, by the names {@code GenerateModel --arch} takes. */
public enum Arch {
    RESNET50_V1("resnet50-v1", 1000),
    RESNET50_V2("resnet50-v2", 1000),
    RESNET50_TORCHVISION("resnet50-torchvision", 1000),
    BIT_R50X1("bit-r50x1", 21843),
    BIT_R50X1_TORCHSCRIPT("bit-r50x1-torchscript", 21843),
    BIT_R50X1_GN("bit-r50x1-gn", 21843),
    BIT_R152X4("bit-r152x4", 21843);

    public static final int TINY_CLASSES = 100;
    private final String id;
    private final int defaultClasses;

    Arch(String id, int defaultClasses) {
        this.id = id;
        this.defaultClasses = defaultClasses;
    }

    public String id() {
        return id;
    }

    public int defaultClasses(boolean tiny) {
        return tiny ? TINY_CLASSES : defaultClasses;
    }

    public static Arch byId(String id) {
        for (Arch a : values()) {
            if (a.id.equals(id)) {
                return a;
            }
        }
        throw new IllegalArgumentException("unknown architecture '" + id + "'; known: "
                + java.util.Arrays.stream(values()).map(Arch::id).toList());
    }

    /** The model family at full size or tiny (same graph structure, [1, 2, 1, 1] blocks, 1/8 widths, 64x64). */
    public ModelFamily family(boolean tiny, int classes, long seed) {
        ResNetShape shape = tiny ? ResNetShape.tiny() : this == BIT_R152X4 ? ResNetShape.r152x4() : ResNetShape.resnet50();
        String name = id + (tiny ? "-tiny" : "") + "-c" + classes + "-s" + seed;
        return switch (this) {
            case RESNET50_V1 -> new ResNet50V1(shape, classes, seed, name);
            case RESNET50_V2 -> new ResNet50V2(shape, classes, seed, name);
            case RESNET50_TORCHVISION -> new ResNet50Torchvision(shape, classes, seed, name);
            case BIT_R50X1 -> new BitResNetV2(shape, classes, seed, name, BitExport.DYNAMO, false);
            case BIT_R50X1_TORCHSCRIPT -> new BitResNetV2(shape, classes, seed, name, BitExport.TORCHSCRIPT, false);
            case BIT_R50X1_GN -> new BitResNetV2(shape, classes, seed, name, BitExport.GROUP_NORM_OP, false);
            case BIT_R152X4 -> new BitResNetV2(shape, classes, seed, name, BitExport.DYNAMO, true);
        };
    }
}
