package tensor;

/**
 * Elementwise functions of one tensor. Some take scalar parameters {@code alpha} and
 * {@code beta}; the others ignore them. Integer tensors support {@code NEG}, {@code ABS},
 * {@code SIGN}, {@code SQUARE}, {@code AFFINE} and {@code CLAMP}; everything else needs F32 or F64.
 */
public enum UnaryOp {
    /** {@code −x}, {@code |x|}, {@code sign(x) ∈ {−1, 0, 1}} (NaN stays NaN), {@code x²}. */
    NEG, ABS, SIGN, SQUARE,
    /** {@code eˣ}, {@code ln x}, {@code √x}, {@code 1/√x}, {@code 1/x}. */
    EXP, LOG, SQRT, RSQRT, RECIPROCAL,
    /** {@code tanh x}; {@code σ(x) = 1/(1 + e⁻ˣ)}; {@code max(x, 0)}. */
    TANH, SIGMOID, RELU,
    /**
     * {@code x·σ(x)}: the SiLU of Elfwing, Uchibe and Doya, "Sigmoid-Weighted Linear Units for
     * Neural Network Function Approximation in Reinforcement Learning" (2018), which Ramachandran,
     * Zoph and Le's "Searching for Activation Functions" (2017) call swish.
     */
    SILU,
    /** {@code sin x}, {@code cos x} (radians). */
    SIN, COS,
    /**
     * {@code x·Φ(x) = 0.5·x·(1 + erf(x/√2))}, the exact GELU of Hendrycks and Gimpel, "Gaussian Error
     * Linear Units (GELUs)" (2016).
     */
    GELU,
    /** {@code 0.5·x·(1 + tanh(√(2/π)·(x + 0.044715·x³)))}, the same paper's tanh approximation. */
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
