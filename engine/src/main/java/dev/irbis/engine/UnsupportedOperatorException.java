package dev.irbis.engine;

/** The graph uses an operator (or an operator version, or an attribute value) Irbis does not implement. */
public class UnsupportedOperatorException extends IrbisException {
    public UnsupportedOperatorException(String message) {
        super(message);
    }
}
