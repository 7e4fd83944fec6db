package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ops.OperatorRegistry;

/** Registers the shape and data-movement operators (each handles its own opset differences). */
public final class TensorOperators {
    private TensorOperators() {
    }

    public static void registerAll(OperatorRegistry r) {
        r.register("Identity", 1, Identity::new);
        r.register("Reshape", 5, Reshape::new);
        r.register("Flatten", 1, Flatten::new);
        r.register("Transpose", 1, Transpose::new);
        r.register("Pad", 2, Pad::new);
        r.register("Concat", 4, Concat::new);
        r.register("Split", 2, Split::new);
        r.register("Slice", 1, Slice::new);
        r.register("Squeeze", 1, Squeeze::new);
        r.register("Unsqueeze", 1, Unsqueeze::new);
        r.register("Dropout", 7, Dropout::new);
        r.register("Constant", 1, Constant::new);
        r.register("Shape", 1, ShapeOf::new);
        r.register("Gather", 1, Gather::new);
        r.register("Cast", 6, Cast::new);
        r.register("Expand", 8, Expand::new);
        r.register("ConstantOfShape", 9, ConstantOfShape::new);
    }
}
