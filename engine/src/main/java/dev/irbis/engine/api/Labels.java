package dev.irbis.engine.api;

import dev.irbis.engine.InvalidInputException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Class names in output order. Immutable.
 *
 * <p>Text files hold one label per line (UTF-8, a byte-order mark and CR line ends are fine, trailing
 * empty lines are ignored, an empty line in between is an error because it would shift every later
 * index). When every line is a WordNet entry {@code nXXXXXXXX name, name, ...} (space or tab after
 * the id), the names after the id are the label; otherwise each line is taken as it is (so plain
 * lists such as {@code imagenet_classes.txt}, the 1001-line list with {@code background} first, or
 * ImageNet-21k's lemma list all work).
 *
 * <p>Model metadata ({@link #fromMetadata}) is searched for the keys {@code labels}, {@code classes},
 * {@code class_names} and {@code names} (in that order, case-insensitive). A value is read as
 * <ul>
 * <li>a JSON array of strings {@code ["cat", "dog"]};</li>
 * <li>a JSON object mapping every index 0..n-1 to a string {@code {"0": "cat", "1": "dog"}};</li>
 * <li>otherwise newline-separated text, as a label file.</li>
 * </ul>
 */
public final class Labels {
    /** Metadata keys that may hold labels, in the order they are tried. */
    public static final List<String> METADATA_KEYS = List.of("labels", "classes", "class_names", "names");
    private static final Pattern WORDNET = Pattern.compile("n\\d{8}[ \\t]+(\\S.*)");

    private final List<String> names;
    private final String source;

    private Labels(List<String> names, String source) {
        this.names = List.copyOf(names);
        this.source = source;
    }

    public static Labels of(List<String> names) {
        for (int i = 0; i < names.size(); i++) {
            if (names.get(i) == null) {
                throw new IllegalArgumentException("label " + i + " is null");
            }
        }
        return new Labels(names, "a list");
    }

    /** Reads a label file (see the class description for the formats). */
    public static Labels read(Path file) {
        String name = file.getFileName() == null ? file.toString() : file.getFileName().toString();
        try {
            return parse(Files.readString(file, StandardCharsets.UTF_8), name);
        } catch (IOException e) {
            throw new InvalidInputException(name + ": cannot read the label file: " + e);
        }
    }

    /** Parses label-file text; {@code source} names it in error messages. */
    public static Labels parse(String text, String source) {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        List<String> lines = new ArrayList<>(List.of(text.split("\r?\n|\r", -1)));
        while (!lines.isEmpty() && lines.getLast().isBlank()) {
            lines.removeLast();
        }
        if (lines.isEmpty()) {
            throw new InvalidInputException(source + ": no labels (the text is empty)");
        }
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).isBlank()) {
                throw new InvalidInputException(source + ": line " + (i + 1) + " is empty; every line must name one class"
                        + " (an empty line would shift all later labels)");
            }
        }
        boolean wordnet = lines.stream().allMatch(l -> WORDNET.matcher(l.strip()).matches());
        List<String> names = new ArrayList<>(lines.size());
        for (String l : lines) {
            if (wordnet) {
                Matcher m = WORDNET.matcher(l.strip());
                m.matches();
                names.add(m.group(1).strip());
            } else {
                names.add(l.strip());
            }
        }
        return new Labels(names, source);
    }

    /** Labels stored in a model's metadata (see the class description), or empty when there are none. */
    public static Optional<Labels> fromMetadata(Map<String, String> metadata) {
        for (String key : METADATA_KEYS) {
            for (Map.Entry<String, String> e : metadata.entrySet()) {
                if (e.getKey().toLowerCase(Locale.ROOT).equals(key)) {
                    String where = "model metadata '" + e.getKey() + "'";
                    String v = e.getValue().strip();
                    if (v.startsWith("[") || v.startsWith("{")) {
                        return Optional.of(new Labels(JsonLabels.parse(v, where), where));
                    }
                    return Optional.of(parse(v, where));
                }
            }
        }
        return Optional.empty();
    }

    public int size() {
        return names.size();
    }

    public String get(int index) {
        if (index < 0 || index >= names.size()) {
            throw new IndexOutOfBoundsException("class " + index + " is outside the " + names.size() + " labels");
        }
        return names.get(index);
    }

    public List<String> asList() {
        return names;
    }

    /** Where the labels came from (file name, metadata key). */
    public String source() {
        return source;
    }

    /** Throws unless there is exactly one label per model output class. */
    public void checkMatches(int classes) {
        if (classes == names.size()) {
            return;
        }
        String hint = "";
        if (classes == names.size() + 1) {
            hint = "; models with one extra output usually put 'background' first (use a list such as ImageNetLabels.txt)";
        } else if (classes + 1 == names.size()) {
            hint = "; this list has one entry too many (perhaps a 'background' entry the model does not have)";
        }
        throw new InvalidInputException("the model has " + classes + " output classes but " + source + " has "
                + names.size() + " labels" + hint);
    }

    @Override
    public String toString() {
        return names.size() + " labels from " + source;
    }
}
