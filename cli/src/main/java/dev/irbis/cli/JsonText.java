package dev.irbis.cli;

/** JSON string literals and numbers for the commands' {@code --json} output (no library needed for flat records). */
final class JsonText {
    private JsonText() {
    }

    static String quote(String s) {
        StringBuilder b = new StringBuilder(s.length() + 2).append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> b.append("\\\"");
                case '\\' -> b.append("\\\\");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append("\\t");
                default -> {
                    if (c < 0x20) {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.append('"').toString();
    }

    /** A float as JSON, with no more digits than the float holds. */
    static String number(float v) {
        return Float.isFinite(v) ? Float.toString(v).replace("E", "e") : "null";
    }

    /** A finite number as JSON; NaN and infinities (which JSON lacks) become null. */
    static String number(double v) {
        if (!Double.isFinite(v)) {
            return "null";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }
}
