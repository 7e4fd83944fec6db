package dev.irbis.testdata;

import dev.irbis.testdata.models.Arch;
import dev.irbis.testdata.models.GeneratedModels;
import dev.irbis.testdata.models.ModelFamily;
import java.nio.file.Path;

/**
 * Generates one test model by hand:
 * {@code GenerateModel --arch resnet50-v1|resnet50-v2|resnet50-torchvision|bit-r50x1|bit-r50x1-torchscript|bit-r50x1-gn|bit-r152x4
 * [--classes N] [--tiny] [--seed S] --out DIR}. The file is {@code DIR/<arch>[-tiny]-c<classes>-s<seed>.onnx}
 * (bit-r152x4 with its weights in {@code .onnx.data} beside it); an existing file is kept.
 */
public final class GenerateModel {
    private GenerateModel() {
    }

    public static void main(String[] args) throws Exception {
        Arch arch = null;
        Integer classes = null;
        boolean tiny = false;
        long seed = GeneratedModels.DEFAULT_SEED;
        Path out = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--arch" -> arch = Arch.byId(value(args, ++i));
                case "--classes" -> classes = Integer.parseInt(value(args, ++i));
                case "--tiny" -> tiny = true;
                case "--seed" -> seed = Long.parseLong(value(args, ++i));
                case "--out" -> out = Path.of(value(args, ++i));
                default -> usage("unknown option " + args[i]);
            }
        }
        if (arch == null || out == null) {
            usage("--arch and --out are required");
            return;
        }
        ModelFamily family = arch.family(tiny, classes == null ? arch.defaultClasses(tiny) : classes, seed);
        long t0 = System.nanoTime();
        Path file = GeneratedModels.get(family, seed, out);
        System.out.printf("%s (%.1f s)%n", file, (System.nanoTime() - t0) / 1e9);
    }

    private static String value(String[] args, int i) {
        if (i >= args.length) {
            usage(args[i - 1] + " needs a value");
        }
        return args[i];
    }

    private static void usage(String problem) {
        System.err.println(problem);
        System.err.println("usage: GenerateModel --arch <" + java.util.Arrays.stream(Arch.values()).map(Arch::id).toList()
                + "> [--classes N] [--tiny] [--seed S] --out DIR");
        System.exit(2);
    }
}
