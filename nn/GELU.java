package nn;

import autograd.Variable;

/**
 * Gaussian error linear unit (Hendrycks &amp; Gimpel, "Gaussian Error Linear Units", 2016):
 * {@code x·Φ(x) = x/2·(1 + erf(x/√2))}, or with {@code tanh} approximation
 * {@code x/2·(1 + tanh(√(2/π)·(x + 0.044715·x³)))} (PyTorch's {@code approximate='tanh'}, GPT-2's).
 */
public final class GELU extends Module {
    private final boolean tanhApproximation;

    public GELU(boolean tanhApproximation) {
        this.tanhApproximation = tanhApproximation;
    }

    /** The exact form. */
    public GELU() {
        this(false);
    }

    public Variable forward(Variable x) {
        return tanhApproximation ? x.geluTanh() : x.gelu();
    }

    @Override
    public String toString() {
        return tanhApproximation ? "GELU(approximate=tanh)" : "GELU()";
    }
}
