package train.optim;

/**
 * A linear ramp to {@code peak} (Goyal et al., "Accurate, Large Minibatch SGD", 2017), then
 * constant: {@code lr(s) = peak·(s + 1)/W} for {@code s < W}, {@code peak} from then on. The first
 * update already moves ({@code peak/W}) and update {@code W − 1} is the first at the peak;
 * {@code W = 0} means no warm-up.
 *
 * @param peak        the rate after warm-up
 * @param warmupSteps W, the number of updates the ramp spans
 */
public record LinearWarmup(double peak, long warmupSteps) implements LrSchedule {

    public LinearWarmup {
        ParamGroup.checkNonNegative("peak learning rate", peak);
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("linear warm-up: warmupSteps must be ≥ 0, got " + warmupSteps);
        }
    }

    @Override
    public double lr(long step) {
        checkStep(step);
        return step < warmupSteps ? peak * (step + 1) / warmupSteps : peak;
    }

    /** Whether {@code step} is still in the ramp. */
    boolean warmingUp(long step) {
        return step < warmupSteps;
    }

    static void checkStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("learning-rate schedule: the step must be ≥ 0, got " + step);
        }
    }
}
