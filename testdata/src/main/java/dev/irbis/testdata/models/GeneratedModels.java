package dev.irbis.testdata.models;

import dev.irbis.testdata.onnx.OnnxModelWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Generated models in a cache folder chosen by the caller; a model is generated only when its file is missing. */
public final class GeneratedModels {
    public static final long DEFAULT_SEED = 42;

    private GeneratedModels() {
    }

    public static Path get(Arch arch, boolean tiny, Path cacheDir) throws IOException {
        return get(arch.family(tiny, arch.defaultClasses(tiny), DEFAULT_SEED), DEFAULT_SEED, cacheDir);
    }

    public static synchronized Path get(ModelFamily family, long seed, Path cacheDir) throws IOException {
        Path file = cacheDir.resolve(family.name() + ".onnx");
        if (Files.isRegularFile(file)) {
            return file;
        }
        Files.createDirectories(cacheDir);
        // The big models are slow to run, so they are calibrated on fewer images.
        int samples = family.inputSize() * family.featureDim() > 224 * 4096 ? 2 : 6;
        Head head = HeadCalibration.calibrate(family, seed, cacheDir, samples);
        OnnxModelWriter.write(family.build(head), file, family.externalData());
        return file;
    }
}
