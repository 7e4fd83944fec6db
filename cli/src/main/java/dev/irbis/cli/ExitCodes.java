package dev.irbis.cli;

/** The process exit codes of {@code irbis}; scripts rely on them, so they never change meaning. */
public final class ExitCodes {
    public static final int OK = 0;
    /** An unexpected failure: an output that cannot be written, an internal error. */
    public static final int FAILURE = 1;
    /** The command line itself is wrong: unknown option, missing argument, bad value. */
    public static final int USAGE = 2;
    /** The model is malformed or uses something Irbis does not support. */
    public static final int BAD_MODEL = 3;
    /** An input file is missing or corrupt, or the inputs do not match what the model expects. */
    public static final int BAD_INPUT = 4;

    private ExitCodes() {
    }
}
