package dev.irbis.cli;

import dev.irbis.engine.api.Model;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.tensor.Shape;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.OnnxLoader;
import dev.irbis.loader.io.NpyFormat;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code irbis run}: runs a model once on tensors read from files and writes the outputs as .npy files. */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        description = {
            "Runs a model once on input tensors read from files and writes its outputs as NumPy .npy files.",
            "",
            "Inputs are .npy files (little-endian, C order; float32, int64 and the other ONNX numeric types)"
                    + " or serialized ONNX TensorProto files (any other extension, usually .pb)."
        },
        sortOptions = false,
        footer = {
            "",
            "Examples:",
            "  irbis run --model mnist.onnx --input digit.pb --output scores.npy",
            "  irbis run --model net.onnx --input image=img.npy --input mask=m.npy --output-dir out/"
        })
final class RunCommand implements Callable<Integer> {
    @Spec
    private CommandLine.Model.CommandSpec spec;

    @Option(names = {"-m", "--model"}, required = true, paramLabel = "MODEL",
            description = "The ONNX model file (.onnx). External data files are read from its folder.")
    private Path model;

    @Option(names = {"-i", "--input"}, paramLabel = "[NAME=]FILE", required = true,
            description = {
                "An input tensor: a .npy file or a serialized TensorProto (.pb). Repeat for several inputs.",
                "With NAME= it binds to the graph input of that name; without, inputs bind to the graph inputs"
                        + " in declaration order (skipping those given by name)."
            })
    private List<String> inputs;

    @ArgGroup(exclusive = true, multiplicity = "1")
    private Destination destination;

    static final class Destination {
        @Option(names = {"-o", "--output"}, paramLabel = "FILE",
                description = "Write the model's output to this .npy file. Only for models with a single output;"
                        + " use --output-dir for several.")
        Path file;

        @Option(names = {"-d", "--output-dir"}, paramLabel = "DIR",
                description = "Write every output to DIR/<output name>.npy (the directory is created if needed;"
                        + " characters unsafe in file names become '_').")
        Path dir;
    }

    @Option(names = {"-t", "--threads"}, paramLabel = "T",
            description = "Number of threads to compute with (default: one per available processor).")
    private Integer threads;

    @Mixin
    private VerboseOption verbose;

    @Override
    public Integer call() throws IOException {
        if (threads != null && threads < 1) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--threads must be at least 1, got " + threads);
        }
        Model.Options options = Model.Options.defaults();
        if (threads != null) {
            options = options.withThreads(threads);
        }
        checkWritable();
        try (Model m = OnnxLoader.load(model, options)) {
            List<ValueInfo> outputs = m.outputs();
            if (destination.file != null && outputs.size() > 1) {
                throw new CommandLine.ParameterException(spec.commandLine(), "the model has " + outputs.size()
                        + " outputs (" + String.join(", ", outputs.stream().map(ValueInfo::name).toList())
                        + "); use --output-dir DIR to write them all");
            }
            Map<String, Tensor> in = InputBinding.read(inputs, m.inputs());
            Map<String, Tensor> results = m.run(in);
            write(results);
        }
        return ExitCodes.OK;
    }

    /** Fails before the (possibly long) run when the output could not be written anyway. */
    private void checkWritable() throws IOException {
        if (destination.file != null) {
            Path parent = destination.file.toAbsolutePath().getParent();
            if (!Files.isDirectory(parent)) {
                throw new IOException("cannot write " + destination.file + ": folder " + parent + " does not exist");
            }
            if (Files.isDirectory(destination.file)) {
                throw new IOException("cannot write " + destination.file + ": it is a folder (did you mean --output-dir?)");
            }
        } else if (Files.exists(destination.dir) && !Files.isDirectory(destination.dir)) {
            throw new IOException("cannot use " + destination.dir + " as the output folder: it is a file");
        }
    }

    private void write(Map<String, Tensor> results) throws IOException {
        PrintWriter out = spec.commandLine().getOut();
        if (destination.file != null) {
            Map.Entry<String, Tensor> only = results.entrySet().iterator().next();
            NpyFormat.write(destination.file, only.getValue());
            out.println(describe(only.getKey(), only.getValue()) + " -> " + destination.file);
        } else {
            Files.createDirectories(destination.dir);
            Map<String, String> names = OutputFileNames.assign(List.copyOf(results.keySet()));
            for (Map.Entry<String, Tensor> e : results.entrySet()) {
                Path file = destination.dir.resolve(names.get(e.getKey()));
                NpyFormat.write(file, e.getValue());
                out.println(describe(e.getKey(), e.getValue()) + " -> " + file);
            }
        }
        out.flush();
    }

    private static String describe(String name, Tensor t) {
        return name + " " + t.dataType() + Shape.format(t.shape());
    }
}
