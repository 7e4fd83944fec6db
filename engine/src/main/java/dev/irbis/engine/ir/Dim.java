package dev.irbis.engine.ir;

/** A declared dimension: a fixed size, a named symbolic size (dim_param), or unknown. */
public record Dim(long value, String param) {
    public static final Dim UNKNOWN = new Dim(-1, null);

    public static Dim of(long v) {
        return new Dim(v, null);
    }

    public static Dim named(String p) {
        return new Dim(-1, p);
    }

    public boolean isFixed() {
        return value >= 0;
    }

    @Override
    public String toString() {
        return isFixed() ? Long.toString(value) : param != null ? param : "?";
    }
}
