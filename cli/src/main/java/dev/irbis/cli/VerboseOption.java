package dev.irbis.cli;

import picocli.CommandLine.Option;

/** {@code --verbose}, shared by the commands; {@link ErrorReporter} reads it from the parse result. */
final class VerboseOption {
    @Option(names = "--verbose", description = "On error, print the full stack trace as well as the message.")
    boolean verbose;
}
