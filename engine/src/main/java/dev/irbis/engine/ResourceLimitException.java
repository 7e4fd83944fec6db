package dev.irbis.engine;

/** A tensor would need more memory than Irbis is allowed to take (a hostile size field, usually). */
public class ResourceLimitException extends IrbisException {
    public ResourceLimitException(String message) {
        super(message);
    }
}
