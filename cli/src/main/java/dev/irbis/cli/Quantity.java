package dev.irbis.cli;

/** Large counts in short form with a unit prefix ready for a unit: "1.23 M", "4.10 G", "512 ". */
final class Quantity {
    private static final String[] UNITS = {" ", " k", " M", " G", " T", " P", " E"};

    private Quantity() {
    }

    static String format(long n) {
        double v = n;
        int u = 0;
        while (Math.abs(v) >= 1000 && u < UNITS.length - 1) {
            v /= 1000;
            u++;
        }
        return u == 0 ? n + UNITS[0] : String.format("%.3g%s", v, UNITS[u]);
    }
}
