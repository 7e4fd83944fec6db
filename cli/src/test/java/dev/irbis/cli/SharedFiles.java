package dev.irbis.cli;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.testdata.models.Arch;
import dev.irbis.testdata.models.GeneratedModels;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Files from ../shared (a missing one fails the test) and the generated tiny ResNet-50, cached under target/. */
final class SharedFiles {
    private SharedFiles() {
    }

    static Path file(String relative) {
        Path f = CliRunner.shared().resolve(relative);
        assertTrue(Files.exists(f), "shared file " + f.toAbsolutePath() + " is missing");
        return f;
    }

    /** The tiny ResNet-50 (torchvision structure, 64x64, 100 classes), generated on first use. */
    static Path tinyResNet50() throws IOException {
        return GeneratedModels.get(Arch.RESNET50_TORCHVISION, true, Path.of("target", "generated-models"));
    }
}
