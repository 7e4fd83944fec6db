package dev.irbis.engine.api;

/** What a classifier's output holds. */
public enum ScoreKind {
    /** Decide from the graph: an output computed by a Softmax node holds probabilities, anything else logits. */
    AUTO,
    /** Unnormalised scores; a softmax is applied. */
    LOGITS,
    /** Already probabilities; used as they are. */
    PROBABILITIES
}
