package dev.irbis.engine;

/**
 * Base of every error Irbis reports. The message is meant for the person running the model; callers
 * add where it happened (file, node) with {@link #addContext} as the error travels up, so the final
 * message reads "model.onnx: node 'conv1' (Conv): input X has 4 channels but W expects 3".
 */
public class IrbisException extends RuntimeException {
    private String context = "";

    public IrbisException(String message) {
        super(message);
    }

    public IrbisException(String message, Throwable cause) {
        super(message, cause);
    }

    /** Prepends a location ("node 'x' (Conv)", a file name) unless it is already there. */
    public IrbisException addContext(String where) {
        if (!context.startsWith(where) && !super.getMessage().startsWith(where)) {
            context = context.isEmpty() ? where : where + ": " + context;
        }
        return this;
    }

    /** The message without the added context. */
    public String detail() {
        return super.getMessage();
    }

    @Override
    public String getMessage() {
        return context.isEmpty() ? super.getMessage() : context + ": " + super.getMessage();
    }
}
