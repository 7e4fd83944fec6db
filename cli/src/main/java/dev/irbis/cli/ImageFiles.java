package dev.irbis.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Checks image arguments before a model is loaded, so a typo fails at once rather than after a long load. */
final class ImageFiles {
    private ImageFiles() {
    }

    static void checkReadable(List<Path> images) {
        for (Path p : images) {
            if (!Files.exists(p)) {
                throw new InputFileException("image '" + p + "': no such file", null);
            }
            if (!Files.isRegularFile(p) || !Files.isReadable(p)) {
                throw new InputFileException("image '" + p + "': not a readable file", null);
            }
        }
    }
}
