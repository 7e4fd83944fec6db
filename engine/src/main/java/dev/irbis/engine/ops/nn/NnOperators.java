package dev.irbis.engine.ops.nn;

import dev.irbis.engine.ops.OperatorRegistry;

/** Registers the neural-network operators: convolution, pooling, normalisation, softmax. */
public final class NnOperators {
    private NnOperators() {
    }

    public static void registerAll(OperatorRegistry r) {
    }
}
