package dev.irbis.engine.ops.math;

import dev.irbis.kernels.elementwise.FloatBinary;

/**
 * The binary arithmetic behind Add, Sub, Mul, Div, Pow, Max, Min (and Sum, Mean): the float32
 * kernel operator plus the generic integer and floating semantics, which follow C / ONNX Runtime:
 * integers wrap to the tensor's width, integer division truncates toward zero.
 */
enum ArithmeticOp {
    ADD(FloatBinary.Op.ADD),
    SUB(FloatBinary.Op.SUB),
    MUL(FloatBinary.Op.MUL),
    DIV(FloatBinary.Op.DIV),
    POW(FloatBinary.Op.POW),
    MAX(FloatBinary.Op.MAX),
    MIN(FloatBinary.Op.MIN);

    final FloatBinary.Op kernel;

    ArithmeticOp(FloatBinary.Op kernel) {
        this.kernel = kernel;
    }

    double applyDouble(double a, double b) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            case DIV -> a / b;
            case POW -> Math.pow(a, b);
            case MAX -> Math.max(a, b);
            case MIN -> Math.min(a, b);
        };
    }

    /**
     * @param unsigned64 both operands are uint64 (stored in a long's bits); narrower unsigned
     *                   types are already non-negative longs and need no special care
     */
    long applyLong(long a, long b, boolean unsigned64) {
        return switch (this) {
            case ADD -> a + b;
            case SUB -> a - b;
            case MUL -> a * b;
            // Division by zero is undefined in ONNX; answer 0 rather than fail the whole run.
            case DIV -> b == 0 ? 0 : unsigned64 ? Long.divideUnsigned(a, b) : a / b;
            case POW -> integerPow(a, b);
            case MAX -> (unsigned64 ? Long.compareUnsigned(a, b) : Long.compare(a, b)) >= 0 ? a : b;
            case MIN -> (unsigned64 ? Long.compareUnsigned(a, b) : Long.compare(a, b)) <= 0 ? a : b;
        };
    }

    /** Exact (wrapping) power by squaring; negative exponents as C's (long) pow(a, b). */
    private static long integerPow(long base, long exp) {
        if (exp < 0) {
            return (long) Math.pow(base, exp);
        }
        long result = 1;
        long b = base;
        long e = exp;
        while (e > 0) {
            if ((e & 1) != 0) {
                result *= b;
            }
            b *= b;
            e >>= 1;
        }
        return result;
    }
}
