package tensor;

/**
 * The hyper-parameters of one fused optimizer update ({@link Backend#optimizerStep}); the
 * formulas that use them are on {@link OptimizerKind}. A rule ignores the fields it does not use.
 *
 * @param lr          learning rate γ
 * @param beta1       decay β₁ of the first moment (Adam family)
 * @param beta2       decay β₂ of the second moment (Adam family)
 * @param eps         ε added to the denominator (Adam family)
 * @param weightDecay λ: added to the gradient as {@code λ·p} (SGD, Adam) or decoupled (AdamW)
 * @param momentum    μ (SGD; 0 means no momentum buffer)
 * @param dampening   τ (SGD)
 * @param nesterov    Nesterov momentum (SGD; needs μ &gt; 0 and τ = 0)
 * @param step        t ≥ 1: the number of updates this parameter has had, this one included
 *                    (Adam's bias corrections; SGD's first step initialises its buffer to the gradient)
 * @param gradScale   s: the update uses {@code s·g}, so clipping by global norm costs no extra pass
 */
public record OptimizerStep(double lr, double beta1, double beta2, double eps, double weightDecay,
        double momentum, double dampening, boolean nesterov, long step, double gradScale) {

    public OptimizerStep {
        if (step < 1) {
            throw new IllegalArgumentException("optimizer step: the step count t must be ≥ 1, got " + step);
        }
        if (!(Double.isFinite(lr) && Double.isFinite(beta1) && Double.isFinite(beta2) && Double.isFinite(eps)
                && Double.isFinite(weightDecay) && Double.isFinite(momentum) && Double.isFinite(dampening)
                && Double.isFinite(gradScale))) {
            throw new IllegalArgumentException("optimizer step: every hyper-parameter must be finite, got " + this);
        }
    }

    /** An SGD update ({@code β₁, β₂, ε} unused). */
    public static OptimizerStep sgd(double lr, double momentum, double dampening, double weightDecay, boolean nesterov,
            long step, double gradScale) {
        return new OptimizerStep(lr, 0, 0, 0, weightDecay, momentum, dampening, nesterov, step, gradScale);
    }

    /** An Adam or AdamW update ({@code μ, τ} unused). */
    public static OptimizerStep adam(double lr, double beta1, double beta2, double eps, double weightDecay, long step,
            double gradScale) {
        return new OptimizerStep(lr, beta1, beta2, eps, weightDecay, 0, 0, false, step, gradScale);
    }

    /** {@code γ / (1 − β₁ᵗ)}: the Adam family's step size after bias correction. */
    public double adamStepSize() {
        return lr / (1 - Math.pow(beta1, step));
    }

    /** {@code √(1 − β₂ᵗ)}: the Adam family's second-moment bias correction. */
    public double adamSecondMomentCorrection() {
        return Math.sqrt(1 - Math.pow(beta2, step));
    }
}
