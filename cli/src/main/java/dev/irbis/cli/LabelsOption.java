package dev.irbis.cli;

import dev.irbis.engine.api.Labels;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/**
 * {@code --labels}: class names, one per line. A missing file, and a list whose length differs from
 * the model's class count, are both input errors (exit code 4): the model is fine, the file given
 * with it is not.
 */
final class LabelsOption {
    @Option(names = {"-l", "--labels"}, paramLabel = "FILE",
            description = "Class names, one per line in output order (e.g. imagenet_classes.txt); WordNet lines"
                    + " 'n01440764 tench, ...' are fine. Default: labels in the model's metadata, else class indices.")
    Path file;

    /** The labels, or null when none were given. */
    Labels read() {
        if (file == null) {
            return null;
        }
        if (!Files.isRegularFile(file)) {
            throw new InputFileException("labels '" + file + "': no such file", null);
        }
        return Labels.read(file);
    }
}
