package dev.irbis.cli;

import dev.irbis.engine.api.Model;
import dev.irbis.loader.LoadProgress;
import dev.irbis.loader.LoadedGraph;
import dev.irbis.loader.OnnxLoader;
import java.io.PrintWriter;
import java.nio.file.Path;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/** {@code --threads} and {@code --progress}, and loading a model with them. */
final class ModelLoading {
    @Option(names = {"-t", "--threads"}, paramLabel = "T",
            description = "Number of threads to compute with (default: one per available processor).")
    Integer threads;

    @Option(names = "--progress",
            description = "Always show the loading progress bar (default: only when stderr is a terminal and loading takes over a second).")
    boolean progress;

    Model.Options options(CommandLine cmd) {
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(cmd, "--threads must be at least 1, got " + threads);
        }
        Model.Options o = Model.Options.defaults();
        return threads == null ? o : o.withThreads(threads);
    }

    Model load(CommandLine cmd, Path model) {
        Model.Options o = options(cmd);
        LoadProgress p = LoadProgressBar.forCommand(cmd.getErr(), model, progress);
        try {
            Model m = OnnxLoader.load(model, o, p);
            LoadProgressBar.finish(p, true);
            return m;
        } catch (RuntimeException e) {
            LoadProgressBar.finish(p, false);
            throw e;
        }
    }

    /** The graph only, not compiled (the feature extractor compiles its headless copy). */
    LoadedGraph read(CommandLine cmd, Path model) {
        PrintWriter err = cmd.getErr();
        LoadProgress p = LoadProgressBar.forCommand(err, model, progress);
        try {
            LoadedGraph g = OnnxLoader.read(model, p);
            LoadProgressBar.finish(p, true);
            return g;
        } catch (RuntimeException e) {
            LoadProgressBar.finish(p, false);
            throw e;
        }
    }
}
