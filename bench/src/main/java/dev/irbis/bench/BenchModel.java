package dev.irbis.bench;

import dev.irbis.testdata.models.Arch;
import dev.irbis.testdata.models.GeneratedModels;
import dev.irbis.testdata.models.ModelFamily;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The full-size generated models the model benchmarks run, by JMH parameter value (the {@code GenerateModel
 * --arch} names). They live in a cache folder shared with testdata's end-to-end tests, so a model generated
 * by either is reused by the other.
 */
public final class BenchModel {
    /** System property naming the cache folder; the runner passes it to the forked JVMs. */
    public static final String CACHE_PROPERTY = "irbis.bench.modelCache";
    public static final Path DEFAULT_CACHE = Path.of("testdata", "target", "generated-models");
    /** Models benchmarked when none are named. */
    public static final List<String> DEFAULT_IDS = List.of("resnet50-v1", "resnet50-torchvision", "bit-r50x1");
    /** 3.7 GB of weights: run only when named, and generated only on request. */
    public static final String LARGE_ID = "bit-r152x4";

    private BenchModel() {
    }

    public static ModelFamily family(String id) {
        Arch arch = Arch.byId(id);
        return arch.family(false, arch.defaultClasses(false), GeneratedModels.DEFAULT_SEED);
    }

    public static Path cacheDir() {
        String p = System.getProperty(CACHE_PROPERTY);
        return p == null || p.isEmpty() ? DEFAULT_CACHE : Path.of(p);
    }

    /** The model file if it has been generated (with its external data, if any), else null. */
    public static Path existing(String id, Path cacheDir) {
        ModelFamily f = family(id);
        Path file = cacheDir.resolve(f.name() + ".onnx");
        boolean complete = Files.isRegularFile(file)
                && (!f.externalData() || Files.isRegularFile(cacheDir.resolve(f.name() + ".onnx.data")));
        return complete ? file : null;
    }

    /** The model file, generated now if missing (minutes for a full-size model: the head is calibrated). */
    public static Path getOrGenerate(String id, Path cacheDir) throws IOException {
        return GeneratedModels.get(family(id), GeneratedModels.DEFAULT_SEED, cacheDir);
    }
}
