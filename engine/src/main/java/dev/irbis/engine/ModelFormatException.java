package dev.irbis.engine;

/** The model file or graph is malformed: truncated data, bad attributes, cycles, dangling names. */
public class ModelFormatException extends IrbisException {
    public ModelFormatException(String message) {
        super(message);
    }

    public ModelFormatException(String message, Throwable cause) {
        super(message, cause);
    }
}
