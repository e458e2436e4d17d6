package tensor.cpu;

import tensor.UnaryOp;

/**
 * The unary functions as tight loops over contiguous runs: {@code y[iy + i] = f(x[ix + i])} for
 * {@code i < n}. The switch on the op sits outside each loop so the JIT can vectorise the loop body.
 * {@code y} may be {@code x} at the same index (in place).
 *
 * <p>F64 holds every function. F32 runs the cheap ones ({@link #F32_DIRECT}) directly; the others
 * go through double ({@code CpuElementwise} widens, calls {@link #f64}, rounds), so an F32 result
 * is the correctly rounded value of the double computation. I32 computes {@code AFFINE} and
 * {@code CLAMP} in double and truncates toward zero (saturating at the I32 limits); {@code NEG},
 * {@code ABS} and {@code SQUARE} wrap around on overflow like Java's {@code int}.
 */
final class UnaryLoops {
    private static final double SQRT_HALF = Math.sqrt(0.5);
    private static final double SQRT_TWO_OVER_PI = Math.sqrt(2 / Math.PI);

    private UnaryLoops() {}

    /** Whether {@link #f32} implements the op without going through double. */
    static boolean f32Direct(UnaryOp op) {
        return switch (op) {
            case NEG, ABS, SQUARE, RELU, AFFINE, CLAMP -> true;
            default -> false;
        };
    }

    static void f32(UnaryOp op, double alpha, double beta, float[] x, int ix, float[] y, int iy, int n) {
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i++) y[iy + i] = -x[ix + i]; }
            case ABS -> { for (int i = 0; i < n; i++) y[iy + i] = Math.abs(x[ix + i]); }
            case SQUARE -> { for (int i = 0; i < n; i++) { float v = x[ix + i]; y[iy + i] = v * v; } }
            case RELU -> { for (int i = 0; i < n; i++) y[iy + i] = Math.max(x[ix + i], 0f); }
            case AFFINE -> { for (int i = 0; i < n; i++) y[iy + i] = (float) (alpha * x[ix + i] + beta); }
            case CLAMP -> { for (int i = 0; i < n; i++) y[iy + i] = (float) Math.min(Math.max(x[ix + i], alpha), beta); }
            default -> throw new IllegalArgumentException(op + " has no direct F32 loop; compute it in F64");
        }
    }

    static void f64(UnaryOp op, double alpha, double beta, double[] x, int ix, double[] y, int iy, int n) {
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i++) y[iy + i] = -x[ix + i]; }
            case ABS -> { for (int i = 0; i < n; i++) y[iy + i] = Math.abs(x[ix + i]); }
            case SIGN -> { for (int i = 0; i < n; i++) y[iy + i] = Math.signum(x[ix + i]); }
            case SQUARE -> { for (int i = 0; i < n; i++) { double v = x[ix + i]; y[iy + i] = v * v; } }
            case EXP -> { for (int i = 0; i < n; i++) y[iy + i] = Math.exp(x[ix + i]); }
            case LOG -> { for (int i = 0; i < n; i++) y[iy + i] = Math.log(x[ix + i]); }
            case SQRT -> { for (int i = 0; i < n; i++) y[iy + i] = Math.sqrt(x[ix + i]); }
            case RSQRT -> { for (int i = 0; i < n; i++) y[iy + i] = 1 / Math.sqrt(x[ix + i]); }
            case RECIPROCAL -> { for (int i = 0; i < n; i++) y[iy + i] = 1 / x[ix + i]; }
            case TANH -> { for (int i = 0; i < n; i++) y[iy + i] = Math.tanh(x[ix + i]); }
            case SIGMOID -> { for (int i = 0; i < n; i++) y[iy + i] = 1 / (1 + Math.exp(-x[ix + i])); }
            case RELU -> { for (int i = 0; i < n; i++) y[iy + i] = Math.max(x[ix + i], 0.0); }
            case SILU -> { for (int i = 0; i < n; i++) { double v = x[ix + i]; y[iy + i] = v / (1 + Math.exp(-v)); } }
            case SIN -> { for (int i = 0; i < n; i++) y[iy + i] = Math.sin(x[ix + i]); }
            case COS -> { for (int i = 0; i < n; i++) y[iy + i] = Math.cos(x[ix + i]); }
            // 0.5·x·(1 + erf(x/√2)) = 0.5·x·erfc(−x/√2), which keeps its accuracy for very negative x.
            case GELU -> { for (int i = 0; i < n; i++) { double v = x[ix + i]; y[iy + i] = 0.5 * v * Erf.erfc(-v * SQRT_HALF); } }
            case GELU_TANH -> {
                for (int i = 0; i < n; i++) {
                    double v = x[ix + i];
                    y[iy + i] = 0.5 * v * (1 + Math.tanh(SQRT_TWO_OVER_PI * (v + 0.044715 * v * v * v)));
                }
            }
            case AFFINE -> { for (int i = 0; i < n; i++) y[iy + i] = alpha * x[ix + i] + beta; }
            case POW_SCALAR -> { for (int i = 0; i < n; i++) y[iy + i] = Math.pow(x[ix + i], alpha); }
            case CLAMP -> { for (int i = 0; i < n; i++) y[iy + i] = Math.min(Math.max(x[ix + i], alpha), beta); }
        }
    }

    static void i32(UnaryOp op, double alpha, double beta, int[] x, int ix, int[] y, int iy, int n) {
        switch (op) {
            case NEG -> { for (int i = 0; i < n; i++) y[iy + i] = -x[ix + i]; }
            case ABS -> { for (int i = 0; i < n; i++) y[iy + i] = Math.abs(x[ix + i]); }
            case SIGN -> { for (int i = 0; i < n; i++) y[iy + i] = Integer.signum(x[ix + i]); }
            case SQUARE -> { for (int i = 0; i < n; i++) { int v = x[ix + i]; y[iy + i] = v * v; } }
            case AFFINE -> { for (int i = 0; i < n; i++) y[iy + i] = (int) (alpha * x[ix + i] + beta); }
            case CLAMP -> { for (int i = 0; i < n; i++) y[iy + i] = (int) Math.min(Math.max(x[ix + i], alpha), beta); }
            default -> throw new IllegalArgumentException(op + " is not defined on I32");
        }
    }
}
