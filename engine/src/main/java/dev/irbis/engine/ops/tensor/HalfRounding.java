package dev.irbis.engine.ops.tensor;

/** Correctly rounded double to float16, which double to float to float16 is not (it rounds twice). */
final class HalfRounding {
    private HalfRounding() {
    }

    static short fromDouble(double v) {
        float f = (float) v;
        if ((double) f != v && !Double.isNaN(v)) {
            // Round to odd on the way to float: truncate toward zero and set the sticky last bit, so
            // the second rounding (float to half, 13 bits shorter) sees that v was not on a tie.
            int bits = Float.floatToRawIntBits(f);
            if (Math.abs((double) f) > Math.abs(v)) {
                bits -= 1;
            }
            f = Float.intBitsToFloat(bits | 1);
        }
        return Float.floatToFloat16(f);
    }
}
