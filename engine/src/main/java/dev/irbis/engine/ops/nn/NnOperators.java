package dev.irbis.engine.ops.nn;

import dev.irbis.engine.ir.Node;
import dev.irbis.engine.ops.OperatorRegistry;

/** Registers the neural-network operators: convolution, pooling, normalisation, softmax. */
public final class NnOperators {
    private NnOperators() {
    }

    public static void registerAll(OperatorRegistry r) {
        r.register("Conv", 1, Conv::new);
        r.register("MaxPool", 1, MaxPool::new);
        r.register("AveragePool", 1, AveragePool::new);
        r.register("GlobalAveragePool", 1, GlobalPool::average);
        r.register("GlobalMaxPool", 1, GlobalPool::max);
        r.register("BatchNormalization", 1, BatchNormalization::new);
        r.register("InstanceNormalization", 1, InstanceNormalization::new);
        r.register("GroupNormalization", 18, GroupNormalization::new);
        r.register("LayerNormalization", 17, LayerNormalization::new);
        r.registerInDomain(Node.IRBIS_DOMAIN, "BatchStatNormalization", BatchStatNormalization::new);
        r.registerInDomain(Node.IRBIS_DOMAIN, "GroupNorm", FusedGroupNorm::new);
        r.registerInDomain(Node.IRBIS_DOMAIN, "FusedConv", FusedConv::new);
    }
}
