package dev.irbis.cli;

import dev.irbis.testdata.models.Arch;
import dev.irbis.testdata.models.GeneratedModels;
import dev.irbis.testdata.models.ModelFamily;
import java.io.IOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * The demo's generated ResNet-50 (torchvision structure, seeded weights) in the user's cache folder.
 * It is generated in a private folder and renamed into place, so an interrupted generation never
 * leaves a half-written model that a later run would take for a good one.
 */
final class DemoModelCache {
    private DemoModelCache() {
    }

    /** {@code $IRBIS_CACHE}, else {@code ~/.cache/irbis}. */
    static Path defaultDir() {
        String env = System.getenv("IRBIS_CACHE");
        if (env != null && !env.isBlank()) {
            return Path.of(env);
        }
        return Path.of(System.getProperty("user.home"), ".cache", "irbis");
    }

    static ModelFamily family(boolean tiny) {
        Arch arch = Arch.RESNET50_TORCHVISION;
        return arch.family(tiny, arch.defaultClasses(tiny), GeneratedModels.DEFAULT_SEED);
    }

    static Path file(Path dir, ModelFamily family) {
        return dir.resolve(family.name() + ".onnx");
    }

    /** The model file, generating it first when it is not in the cache. */
    static Path get(Path dir, ModelFamily family) throws IOException {
        Path target = file(dir, family);
        if (Files.isRegularFile(target)) {
            return target;
        }
        Files.createDirectories(dir);
        Path work = Files.createTempDirectory(dir, ".generating-");
        try {
            Path made = GeneratedModels.get(family, GeneratedModels.DEFAULT_SEED, work);
            try {
                Files.move(made, target, StandardCopyOption.ATOMIC_MOVE);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(made, target, StandardCopyOption.REPLACE_EXISTING);
            }
            return target;
        } finally {
            deleteTree(work);
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        try (Stream<Path> all = Files.walk(dir)) {
            for (Path p : all.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
