package dev.irbis.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the {@code irbis} command: dispatches to one class per subcommand. */
@Command(
        name = "irbis",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = "Irbis: a pure-Java ONNX inference engine for convolutional networks.",
        subcommands = {DemoCommand.class, ClassifyCommand.class, FeaturesCommand.class, BenchCommand.class, RunCommand.class,
            InfoCommand.class, CommandLine.HelpCommand.class},
        synopsisSubcommandLabel = "COMMAND",
        commandListHeading = "%nCommands:%n",
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:unexpected failure (output not writable, internal error)",
            "2:usage error (bad command line)",
            "3:bad or unsupported model",
            "4:unreadable input (image, tensor or label file), a label count that does not match the model,"
                    + " or inputs that do not match the model"
        },
        footer = {"", "Run 'irbis COMMAND --help' for the options of a command."})
public final class IrbisCli implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // Plots and the demo picture are drawn off-screen; no display is needed or wanted.
        System.setProperty("java.awt.headless", "true");
        System.exit(newCommandLine().execute(args));
    }

    /** A fully configured command line (error handlers, exit codes); tests run it in-process. */
    public static CommandLine newCommandLine() {
        CommandLine cmd = new CommandLine(new IrbisCli());
        cmd.setExecutionExceptionHandler(new ErrorReporter());
        cmd.setParameterExceptionHandler(new UsageErrorReporter());
        return cmd;
    }

    /** {@code irbis} without a command: a usage error that shows what the commands are. */
    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "missing command (demo, classify, features, bench, run or info)");
    }
}
