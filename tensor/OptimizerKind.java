package tensor;

/**
 * The update rules of {@link Backend#optimizerStep}, with PyTorch's exact formulas
 * ({@code torch.optim.SGD}, {@code Adam}, {@code AdamW}, single-tensor path). For one parameter
 * {@code p} with gradient {@code g}, at its {@code t}-th update ({@code t ≥ 1}), with the
 * hyper-parameters of {@link OptimizerStep} ({@code γ} learning rate, {@code λ} weight decay,
 * {@code s} gradient scale):
 */
public enum OptimizerKind {
    /**
     * Stochastic gradient descent with momentum (Sutskever et al., 2013), state {@code m} = the
     * momentum buffer {@code b} (none when {@code μ = 0}):
     * <pre>
     * g ← s·g + λ·p
     * if μ ≠ 0:  b ← g                      (t = 1)
     *            b ← μ·b + (1 − τ)·g        (t &gt; 1)
     *            g ← g + μ·b  (Nesterov)  or  g ← b
     * p ← p − γ·g
     * </pre>
     */
    SGD,

    /**
     * Adam (Kingma and Ba, 2015) with L2 weight decay added to the gradient; state {@code m} (first
     * moment, {@code exp_avg}) and {@code v} (second moment, {@code exp_avg_sq}):
     * <pre>
     * g ← s·g + λ·p
     * m ← β₁·m + (1 − β₁)·g
     * v ← β₂·v + (1 − β₂)·g²
     * p ← p − γ/(1 − β₁ᵗ) · m / (√v / √(1 − β₂ᵗ) + ε)
     * </pre>
     */
    ADAM,

    /**
     * AdamW (Loshchilov and Hutter, 2019): Adam with decoupled weight decay, applied to the
     * parameter before the Adam update instead of being added to the gradient:
     * <pre>
     * p ← p·(1 − γ·λ)
     * g ← s·g
     * m, v, p as in ADAM
     * </pre>
     */
    ADAMW;

    /** Whether the rule keeps a second state tensor {@code v} (the Adam family). */
    public boolean usesSecondMoment() {
        return this != SGD;
    }
}
