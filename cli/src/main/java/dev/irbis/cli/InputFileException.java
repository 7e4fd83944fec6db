package dev.irbis.cli;

/**
 * An input tensor file that cannot be read or decoded. Kept apart from the engine's exceptions so that a
 * corrupt input file (exit code 4) is not mistaken for a corrupt model (exit code 3).
 */
final class InputFileException extends RuntimeException {
    InputFileException(String message, Throwable cause) {
        super(message, cause);
    }
}
