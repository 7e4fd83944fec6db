package dev.irbis.engine.api;

import dev.irbis.engine.InvalidInputException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads the two JSON shapes labels come in: an array of strings, or an object whose keys are the
 * indices 0..n-1. A deliberately small parser: anything else is refused with the position.
 */
final class JsonLabels {
    private final String s;
    private final String where;
    private int p;

    private JsonLabels(String s, String where) {
        this.s = s;
        this.where = where;
    }

    static List<String> parse(String json, String where) {
        JsonLabels r = new JsonLabels(json, where);
        List<String> out = r.value();
        r.skipSpace();
        if (r.p != r.s.length()) {
            throw r.error("unexpected text after the end");
        }
        if (out.isEmpty()) {
            throw r.error("the list is empty");
        }
        return out;
    }

    private List<String> value() {
        skipSpace();
        if (peek() == '[') {
            return array();
        }
        if (peek() == '{') {
            return object();
        }
        throw error("expected a JSON array or object");
    }

    private List<String> array() {
        p++;
        List<String> out = new ArrayList<>();
        skipSpace();
        if (peek() == ']') {
            p++;
            return out;
        }
        while (true) {
            skipSpace();
            out.add(string());
            skipSpace();
            char c = next();
            if (c == ']') {
                return out;
            }
            if (c != ',') {
                throw error("expected ',' or ']'");
            }
        }
    }

    private List<String> object() {
        p++;
        Map<Integer, String> byIndex = new HashMap<>();
        skipSpace();
        if (peek() == '}') {
            p++;
            return List.of();
        }
        while (true) {
            skipSpace();
            String key = string();
            int index;
            try {
                index = Integer.parseInt(key.strip());
            } catch (NumberFormatException e) {
                throw error("key \"" + key + "\" is not a class index");
            }
            skipSpace();
            if (next() != ':') {
                throw error("expected ':'");
            }
            skipSpace();
            if (byIndex.put(index, string()) != null) {
                throw error("class index " + index + " appears twice");
            }
            skipSpace();
            char c = next();
            if (c == '}') {
                break;
            }
            if (c != ',') {
                throw error("expected ',' or '}'");
            }
        }
        List<String> out = new ArrayList<>(byIndex.size());
        for (int i = 0; i < byIndex.size(); i++) {
            String v = byIndex.get(i);
            if (v == null) {
                throw new InvalidInputException(where + ": the class indices must be 0.." + (byIndex.size() - 1) + " but " + i + " is missing");
            }
            out.add(v);
        }
        return out;
    }

    private String string() {
        if (next() != '"') {
            p--;
            throw error("expected a string");
        }
        StringBuilder b = new StringBuilder();
        while (true) {
            char c = next();
            if (c == '"') {
                return b.toString();
            }
            if (c == '\\') {
                char e = next();
                switch (e) {
                    case '"', '\\', '/' -> b.append(e);
                    case 'n' -> b.append('\n');
                    case 't' -> b.append('\t');
                    case 'r' -> b.append('\r');
                    case 'b' -> b.append('\b');
                    case 'f' -> b.append('\f');
                    case 'u' -> {
                        if (p + 4 > s.length()) {
                            throw error("truncated \\u escape");
                        }
                        try {
                            b.append((char) Integer.parseInt(s.substring(p, p + 4), 16));
                        } catch (NumberFormatException ex) {
                            throw error("bad \\u escape");
                        }
                        p += 4;
                    }
                    default -> throw error("bad escape \\" + e);
                }
            } else {
                b.append(c);
            }
        }
    }

    private void skipSpace() {
        while (p < s.length() && Character.isWhitespace(s.charAt(p))) {
            p++;
        }
    }

    private char peek() {
        return p < s.length() ? s.charAt(p) : '\0';
    }

    private char next() {
        if (p >= s.length()) {
            throw error("unexpected end");
        }
        return s.charAt(p++);
    }

    private InvalidInputException error(String what) {
        return new InvalidInputException(where + ": not a JSON label list: " + what + " at character " + p);
    }
}
