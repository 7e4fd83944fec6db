package dev.irbis.testdata;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;

/** The read-only {@code ../shared} folder (system property {@code irbis.shared.dir}); a missing folder fails the test. */
final class SharedData {
    private SharedData() {
    }

    static Path dir() {
        String p = System.getProperty("irbis.shared.dir");
        assertTrue(p != null && !p.isEmpty(), "system property irbis.shared.dir is not set (the parent pom sets it)");
        Path dir = Path.of(p);
        assertTrue(Files.isDirectory(dir), "shared data folder " + dir.toAbsolutePath() + " does not exist");
        return dir;
    }

    static Path file(String relative) {
        Path f = dir().resolve(relative);
        assertTrue(Files.exists(f), "shared file " + f + " is missing");
        return f;
    }

    /** Where generated models are cached between test classes and runs (regenerated only when missing). */
    static Path modelCache() {
        return Path.of("target", "generated-models");
    }
}
