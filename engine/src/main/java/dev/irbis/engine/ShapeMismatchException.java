package dev.irbis.engine;

/** Tensor shapes or element types do not fit together: a model's own inconsistency or a wrong input. */
public class ShapeMismatchException extends IrbisException {
    public ShapeMismatchException(String message) {
        super(message);
    }
}
