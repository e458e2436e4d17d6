package nn.quant;

/**
 * The Gumbel-softmax temperature τ as a function of the training step. Annealing from a soft
 * relaxation (τ ≈ 1) to nearly one-hot samples (τ ≈ 1/16) is the usual recipe (Jang et al.,
 * "Categorical Reparameterization with Gumbel-Softmax", 2017; DALL-E's dVAE).
 */
@FunctionalInterface
public interface TemperatureSchedule {
    /** τ at {@code step} (≥ 0). */
    double at(long step);

    static TemperatureSchedule constant(double tau) {
        check(tau);
        return step -> tau;
    }

    /**
     * {@code τ(s) = start·(end/start)^(min(s, steps)/steps)}: exponential from {@code start} at step 0
     * to {@code end} at {@code steps}, then constant.
     */
    static TemperatureSchedule exponential(double start, double end, long steps) {
        check(start);
        check(end);
        if (steps < 1) {
            throw new IllegalArgumentException("TemperatureSchedule: steps must be ≥ 1, got " + steps);
        }
        return step -> start * Math.pow(end / start, (double) Math.min(Math.max(step, 0), steps) / steps);
    }

    private static void check(double tau) {
        if (!(tau > 0) || Double.isInfinite(tau)) {
            throw new IllegalArgumentException("TemperatureSchedule: τ must be positive and finite, got " + tau);
        }
    }
}
