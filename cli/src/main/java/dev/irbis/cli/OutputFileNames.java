package dev.irbis.cli;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Safe {@code .npy} file names for graph outputs. ONNX names may hold '/', ':' or start with '.', so
 * anything outside {@code [A-Za-z0-9._-]} becomes '_', a leading '.' is replaced (no hidden files, no
 * "..") and names that collide after this (ignoring case, for case-insensitive file systems) get a
 * numeric suffix.
 */
final class OutputFileNames {
    private static final int MAX_LENGTH = 200;

    private OutputFileNames() {
    }

    /** Output name to file name, in the given order. */
    static Map<String, String> assign(List<String> outputs) {
        Map<String, String> files = new LinkedHashMap<>();
        Set<String> taken = new HashSet<>();
        for (String out : outputs) {
            String base = sanitise(out);
            String file = base + ".npy";
            for (int k = 2; !taken.add(file.toLowerCase(Locale.ROOT)); k++) {
                file = base + "_" + k + ".npy";
            }
            files.put(out, file);
        }
        return files;
    }

    static String sanitise(String name) {
        StringBuilder b = new StringBuilder(Math.min(name.length(), MAX_LENGTH));
        for (int i = 0; i < name.length() && b.length() < MAX_LENGTH; i++) {
            char c = name.charAt(i);
            boolean safe = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.';
            b.append(safe ? c : '_');
        }
        if (b.isEmpty()) {
            return "output";
        }
        if (b.charAt(0) == '.') {
            b.setCharAt(0, '_');
        }
        return b.toString();
    }
}
