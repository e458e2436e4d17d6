package tensor.cpu;

import tensor.BinaryOp;

/**
 * The binary functions as tight loops over contiguous runs: {@code y[iy + i] = a[ia + i] op b[ib + i]}
 * for {@code i < n}, with the switch on the op outside each loop so the JIT can vectorise it.
 * Arithmetic writes the operands' type; comparisons write 0/1 into an {@code int[]}.
 *
 * <p>F32 arithmetic on floats gives the correctly rounded result of the exact operation, the same
 * as computing in double and rounding; {@code POW} is computed in double. {@code MAXIMUM} and
 * {@code MINIMUM} propagate NaN (like NumPy's {@code maximum}). Comparisons follow IEEE: any
 * comparison with NaN is false except {@code NE}.
 *
 * <p>I32: {@code ADD}, {@code SUB}, {@code MUL} wrap around like Java's {@code int}; {@code DIV}
 * truncates toward zero and gives 0 for a zero divisor (NumPy's result; the CPU must not trap);
 * {@code POW} multiplies by repeated squaring (wrapping), and a negative exponent gives
 * {@code trunc(a^b)}: 1 for a = 1, ±1 for a = −1, else 0.
 */
final class BinaryLoops {
    private BinaryLoops() {}

    static void f32(BinaryOp op, float[] a, int ia, float[] b, int ib, float[] y, int iy, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] + b[ib + i]; }
            case SUB -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] - b[ib + i]; }
            case MUL -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] * b[ib + i]; }
            case DIV -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] / b[ib + i]; }
            case POW -> { for (int i = 0; i < n; i++) y[iy + i] = (float) Math.pow(a[ia + i], b[ib + i]); }
            case MAXIMUM -> { for (int i = 0; i < n; i++) y[iy + i] = Math.max(a[ia + i], b[ib + i]); }
            case MINIMUM -> { for (int i = 0; i < n; i++) y[iy + i] = Math.min(a[ia + i], b[ib + i]); }
            case SILU_BACKWARD -> { for (int i = 0; i < n; i++) y[iy + i] = (float) siluBackward(a[ia + i], b[ib + i]); }
            default -> throw new IllegalArgumentException(op + " is a comparison; it writes I32");
        }
    }

    static void f64(BinaryOp op, double[] a, int ia, double[] b, int ib, double[] y, int iy, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] + b[ib + i]; }
            case SUB -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] - b[ib + i]; }
            case MUL -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] * b[ib + i]; }
            case DIV -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] / b[ib + i]; }
            case POW -> { for (int i = 0; i < n; i++) y[iy + i] = Math.pow(a[ia + i], b[ib + i]); }
            case MAXIMUM -> { for (int i = 0; i < n; i++) y[iy + i] = Math.max(a[ia + i], b[ib + i]); }
            case MINIMUM -> { for (int i = 0; i < n; i++) y[iy + i] = Math.min(a[ia + i], b[ib + i]); }
            case SILU_BACKWARD -> { for (int i = 0; i < n; i++) y[iy + i] = siluBackward(a[ia + i], b[ib + i]); }
            default -> throw new IllegalArgumentException(op + " is a comparison; it writes I32");
        }
    }

    /** {@code g·σ(x)·(1 + x·(1 − σ(x)))}, the gradient of SiLU (in double, so F32 rounds once). */
    static double siluBackward(double g, double x) {
        double s = 1 / (1 + Math.exp(-x));
        return g * s * (1 + x * (1 - s));
    }

    static void i32(BinaryOp op, int[] a, int ia, int[] b, int ib, int[] y, int iy, int n) {
        switch (op) {
            case ADD -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] + b[ib + i]; }
            case SUB -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] - b[ib + i]; }
            case MUL -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] * b[ib + i]; }
            case DIV -> { for (int i = 0; i < n; i++) { int d = b[ib + i]; y[iy + i] = d == 0 ? 0 : a[ia + i] / d; } }
            case POW -> { for (int i = 0; i < n; i++) y[iy + i] = intPow(a[ia + i], b[ib + i]); }
            case MAXIMUM -> { for (int i = 0; i < n; i++) y[iy + i] = Math.max(a[ia + i], b[ib + i]); }
            case MINIMUM -> { for (int i = 0; i < n; i++) y[iy + i] = Math.min(a[ia + i], b[ib + i]); }
            default -> throw new IllegalArgumentException(op + " is a comparison (see compareI32) or has no integer form");
        }
    }

    static void compareF32(BinaryOp op, float[] a, int ia, float[] b, int ib, int[] y, int iy, int n) {
        switch (op) {
            case EQ -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] == b[ib + i] ? 1 : 0; }
            case NE -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] != b[ib + i] ? 1 : 0; }
            case LT -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] < b[ib + i] ? 1 : 0; }
            case LE -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] <= b[ib + i] ? 1 : 0; }
            case GT -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] > b[ib + i] ? 1 : 0; }
            case GE -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] >= b[ib + i] ? 1 : 0; }
            default -> throw new IllegalArgumentException(op + " is not a comparison");
        }
    }

    static void compareF64(BinaryOp op, double[] a, int ia, double[] b, int ib, int[] y, int iy, int n) {
        switch (op) {
            case EQ -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] == b[ib + i] ? 1 : 0; }
            case NE -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] != b[ib + i] ? 1 : 0; }
            case LT -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] < b[ib + i] ? 1 : 0; }
            case LE -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] <= b[ib + i] ? 1 : 0; }
            case GT -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] > b[ib + i] ? 1 : 0; }
            case GE -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] >= b[ib + i] ? 1 : 0; }
            default -> throw new IllegalArgumentException(op + " is not a comparison");
        }
    }

    static void compareI32(BinaryOp op, int[] a, int ia, int[] b, int ib, int[] y, int iy, int n) {
        switch (op) {
            case EQ -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] == b[ib + i] ? 1 : 0; }
            case NE -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] != b[ib + i] ? 1 : 0; }
            case LT -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] < b[ib + i] ? 1 : 0; }
            case LE -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] <= b[ib + i] ? 1 : 0; }
            case GT -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] > b[ib + i] ? 1 : 0; }
            case GE -> { for (int i = 0; i < n; i++) y[iy + i] = a[ia + i] >= b[ib + i] ? 1 : 0; }
            default -> throw new IllegalArgumentException(op + " is not a comparison");
        }
    }

    /** {@code base^exponent} in wrapping int arithmetic; see the class comment for negative exponents. */
    static int intPow(int base, int exponent) {
        if (exponent < 0) {
            return base == 1 ? 1 : base == -1 ? ((exponent & 1) == 0 ? 1 : -1) : 0;
        }
        int result = 1;
        int square = base;
        for (int e = exponent; e != 0; e >>>= 1) {
            if ((e & 1) != 0) {
                result *= square;
            }
            square *= square;
        }
        return result;
    }
}
