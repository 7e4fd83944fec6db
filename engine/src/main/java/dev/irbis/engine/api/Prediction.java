package dev.irbis.engine.api;

/**
 * One class of a classification result.
 *
 * @param classIndex the model's output index
 * @param label the class name, or the index as text when the classifier has no labels
 * @param probability the softmax probability, 0..1
 */
public record Prediction(int classIndex, String label, float probability) {
    @Override
    public String toString() {
        return String.format("%s (%d): %.4f", label, classIndex, probability);
    }
}
