package dev.irbis.engine.ops;

import dev.irbis.engine.ir.Node;

/** Builds an {@link Operator} from a node: parses attributes for the node's opset version, rejects bad ones. */
@FunctionalInterface
public interface OperatorFactory {
    Operator create(Node node);
}
