package dev.irbis.cli;

import dev.irbis.engine.InvalidInputException;
import dev.irbis.engine.IrbisException;
import dev.irbis.engine.ModelFormatException;
import dev.irbis.engine.ResourceLimitException;
import dev.irbis.engine.ShapeMismatchException;
import dev.irbis.engine.UnsupportedOperatorException;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import picocli.CommandLine;
import picocli.CommandLine.ParseResult;

/**
 * Turns an exception from a command into one line on stderr and an exit code. The stack trace is printed
 * only with {@code --verbose}: users need the message, developers the trace.
 */
final class ErrorReporter implements CommandLine.IExecutionExceptionHandler {

    @Override
    public int handleExecutionException(Exception ex, CommandLine cmd, ParseResult parseResult) {
        PrintWriter err = cmd.getErr();
        err.println("irbis: " + message(ex));
        if (isVerbose(parseResult)) {
            ex.printStackTrace(err);
        } else if (exitCode(ex) == ExitCodes.FAILURE) {
            err.println("irbis: run again with --verbose for the stack trace");
        }
        err.flush();
        return exitCode(ex);
    }

    static int exitCode(Throwable ex) {
        return switch (ex) {
            case InputFileException e -> ExitCodes.BAD_INPUT;
            case InvalidInputException e -> ExitCodes.BAD_INPUT;
            case ModelFormatException e -> ExitCodes.BAD_MODEL;
            case UnsupportedOperatorException e -> ExitCodes.BAD_MODEL;
            case ShapeMismatchException e -> ExitCodes.BAD_MODEL;
            // A hostile size field in the model; input files are wrapped in InputFileException before this.
            case ResourceLimitException e -> ExitCodes.BAD_MODEL;
            default -> ExitCodes.FAILURE;
        };
    }

    private static String message(Throwable ex) {
        return switch (ex) {
            case IrbisException e -> e.getMessage();
            case InputFileException e -> e.getMessage();
            case UncheckedIOException e -> "I/O error: " + e.getCause().getMessage();
            case IOException e -> "I/O error: " + e.getMessage();
            case OutOfMemoryError e -> "out of memory (raise the heap with JAVA_OPTS=-Xmx...)";
            default -> "internal error: " + ex;
        };
    }

    private static boolean isVerbose(ParseResult pr) {
        for (ParseResult p = pr; p != null; p = p.subcommand()) {
            if (p.hasMatchedOption("--verbose")) {
                return true;
            }
        }
        return false;
    }
}
