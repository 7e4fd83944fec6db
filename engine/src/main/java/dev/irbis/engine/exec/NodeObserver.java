package dev.irbis.engine.exec;

import dev.irbis.engine.ir.Node;
import dev.irbis.engine.tensor.Tensor;

/**
 * Sees every node as it runs (for FLOP counts, tracing, dumping intermediates). Called on the running
 * thread after the node; the tensors are valid only during the call.
 */
@FunctionalInterface
public interface NodeObserver {
    NodeObserver NONE = (node, inputs, outputs, nanos) -> { };

    void afterNode(Node node, Tensor[] inputs, Tensor[] outputs, long nanos);
}
