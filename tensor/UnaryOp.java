package tensor;

/**
 * Elementwise functions of one tensor. Some take scalar parameters {@code alpha} and
 * {@code beta}; the others ignore them. Integer tensors support {@code NEG}, {@code ABS},
 * {@code SIGN}, {@code SQUARE}, {@code AFFINE} and {@code CLAMP}; everything else needs F32 or F64.
 */
public enum UnaryOp {
    NEG, ABS, SIGN, SQUARE,
    EXP, LOG, SQRT, RSQRT, RECIPROCAL,
    TANH, SIGMOID, RELU, SILU, SIN, COS,
    /** {@code 0.5·x·(1 + erf(x/√2))}, the exact GELU. */
    GELU,
    /** {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}, GELU's tanh approximation. */
    GELU_TANH,
    /** {@code alpha·x + beta}. */
    AFFINE,
    /** {@code x^alpha}. */
    POW_SCALAR,
    /** {@code min(max(x, alpha), beta)}. */
    CLAMP;

    /** Whether the op is defined on I32 tensors. */
    public boolean acceptsIntegers() {
        return this == NEG || this == ABS || this == SIGN || this == SQUARE || this == AFFINE || this == CLAMP;
    }
}
