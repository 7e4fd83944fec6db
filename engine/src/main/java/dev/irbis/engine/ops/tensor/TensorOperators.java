package dev.irbis.engine.ops.tensor;

import dev.irbis.engine.ops.OperatorRegistry;

/** Registers the shape and data-movement operators. */
public final class TensorOperators {
    private TensorOperators() {
    }

    public static void registerAll(OperatorRegistry r) {
        r.register("Identity", 1, Identity::new);
    }
}
