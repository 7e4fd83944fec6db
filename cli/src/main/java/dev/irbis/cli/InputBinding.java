package dev.irbis.cli;

import dev.irbis.engine.InvalidInputException;
import dev.irbis.engine.IrbisException;
import dev.irbis.engine.ir.ValueInfo;
import dev.irbis.engine.tensor.Tensor;
import dev.irbis.loader.io.TensorFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binds {@code [NAME=]FILE} arguments to the model's graph inputs. A named argument binds to that input;
 * the unnamed ones fill the remaining inputs in declaration order. {@code NAME=} is only taken as a name
 * when NAME is one of the model's inputs or no file of the whole text exists, so file names holding '='
 * still work.
 */
final class InputBinding {
    private record Spec(String name, Path file) {
    }

    private InputBinding() {
    }

    /** Reads every input file; the tensors are keyed by graph input name. */
    static Map<String, Tensor> read(List<String> args, List<ValueInfo> declared) {
        List<String> names = declared.stream().map(ValueInfo::name).toList();
        List<Spec> specs = args.stream().map(a -> parse(a, names)).toList();
        Map<String, Path> files = new LinkedHashMap<>();
        for (Spec s : specs) {
            if (s.name() != null && files.put(s.name(), s.file()) != null) {
                throw new InvalidInputException("input '" + s.name() + "' is given more than once");
            }
        }
        List<String> free = new ArrayList<>(names);
        free.removeAll(files.keySet());
        int next = 0;
        for (Spec s : specs) {
            if (s.name() == null) {
                if (next >= free.size()) {
                    throw new InvalidInputException("too many inputs: the model takes " + names.size() + " ("
                            + String.join(", ", names) + ") but " + args.size() + " were given");
                }
                files.put(free.get(next++), s.file());
            }
        }
        Map<String, Tensor> tensors = new LinkedHashMap<>();
        for (String name : names) {
            Path file = files.get(name);
            if (file != null) {
                tensors.put(name, readFile(name, file));
            }
        }
        return tensors;
    }

    private static Spec parse(String arg, List<String> names) {
        int eq = arg.indexOf('=');
        if (eq <= 0) {
            return new Spec(null, Path.of(arg));
        }
        String name = arg.substring(0, eq);
        if (names.contains(name)) {
            return new Spec(name, Path.of(arg.substring(eq + 1)));
        }
        if (Files.exists(Path.of(arg))) {
            return new Spec(null, Path.of(arg));
        }
        throw new InvalidInputException("the model has no input named '" + name + "'; its inputs are " + names);
    }

    private static Tensor readFile(String input, Path file) {
        String where = "input '" + input + "': cannot read " + file + ": ";
        try {
            return TensorFiles.read(file);
        } catch (NoSuchFileException e) {
            throw new InputFileException(where + "no such file", e);
        } catch (IOException e) {
            throw new InputFileException(where + e.getMessage(), e);
        } catch (IrbisException e) {
            // The decoder's message already names the file.
            throw new InputFileException("input '" + input + "': " + e.getMessage(), e);
        }
    }
}
