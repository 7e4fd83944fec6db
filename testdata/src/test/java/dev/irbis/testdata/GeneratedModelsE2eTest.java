package dev.irbis.testdata;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.irbis.testdata.models.Arch;
import dev.irbis.testdata.models.GeneratedModels;
import dev.irbis.testdata.models.ModelFamily;
import dev.irbis.testdata.models.RandomInput;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Generated models (real architectures, seeded weights) run in Irbis and in ONNX Runtime on the same
 * seeded N(0, 1) image. Tolerance: {@code max |diff| <= 1e-4 * max(1, max |ref|)}. Both engines compute in
 * float32 but sum in different orders (im2col + GEMM blocking against ORT's MLAS kernels); over ~50 conv
 * layers with up to 4608-term dot products, rounding differences of a few ulp per layer accumulate to about
 * 1e-5 of the logit scale, so 1e-4 leaves a 10x margin while still catching any real operator error (a
 * wrong pad, eps or broadcast moves logits by 1e-2 or more). The top-5 classes must be identical.
 */
class GeneratedModelsE2eTest {
    static final double REL_TOL = 1e-4;
    static final long INPUT_SEED = 1000;

    @ParameterizedTest
    @EnumSource(Arch.class)
    void tinyModelMatchesOnnxRuntime(Arch arch) throws Exception {
        compare(arch, true);
    }

    @Test
    void resnet50V1MatchesOnnxRuntime() throws Exception {
        compare(Arch.RESNET50_V1, false);
    }

    @Test
    void resnet50TorchvisionMatchesOnnxRuntime() throws Exception {
        compare(Arch.RESNET50_TORCHVISION, false);
    }

    @Test
    void bitR50x1MatchesOnnxRuntime() throws Exception {
        compare(Arch.BIT_R50X1, false);
    }

    private static void compare(Arch arch, boolean tiny) throws Exception {
        ModelFamily family = arch.family(tiny, arch.defaultClasses(tiny), GeneratedModels.DEFAULT_SEED);
        long t0 = System.nanoTime();
        Path file = GeneratedModels.get(family, GeneratedModels.DEFAULT_SEED, SharedData.modelCache());
        long t1 = System.nanoTime();
        int s = family.inputSize();
        float[] x = RandomInput.gaussian(INPUT_SEED, 3 * s * s);
        float[] ref = Engines.ort(file, x, 1, 3, s, s);
        long t2 = System.nanoTime();
        float[] out = Engines.irbis(file, x, 1, 3, s, s);
        long t3 = System.nanoTime();
        System.out.printf("E2E %s: generate %.1f s, ORT %.1f s, Irbis %.1f s%n", family.name(), (t1 - t0) / 1e9, (t2 - t1) / 1e9, (t3 - t2) / 1e9);
        Logits.assertClose(family.name(), out, ref, REL_TOL);
        double spread = Logits.std(ref);
        assertTrue(spread > 1 && spread < 10, family.name() + ": logit spread " + spread + " is not in the calibrated range");
    }
}
