package dev.irbis.engine;

/** What the caller passed to a run does not match the model's declared inputs. */
public class InvalidInputException extends IrbisException {
    public InvalidInputException(String message) {
        super(message);
    }
}
