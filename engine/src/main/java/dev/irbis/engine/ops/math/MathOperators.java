package dev.irbis.engine.ops.math;

import dev.irbis.engine.ops.OperatorRegistry;

/** Registers the elementwise, reduction and matrix operators. */
public final class MathOperators {
    private MathOperators() {
    }

    public static void registerAll(OperatorRegistry r) {
        r.register("Relu", 1, Relu::new);
    }
}
