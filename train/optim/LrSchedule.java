package train.optim;

/**
 * A learning rate as a function of the step: {@code lr(step)} is the rate of update number
 * {@code step}, counted from 0 (the first update uses {@code lr(0)}). Schedules are values with no
 * state of their own: the step count is the state, kept by the training loop and its checkpoint,
 * so a resumed run gets exactly the rates an unbroken one would. Apply one with
 * {@code optimizer.setLr(schedule.lr(step))} before each update.
 */
public interface LrSchedule {

    /** The learning rate of update {@code step ≥ 0}. */
    double lr(long step);

    /** The same rate at every step. */
    static LrSchedule constant(double lr) {
        return new ConstantLr(lr);
    }

    /** A linear ramp over {@code warmupSteps} updates up to {@code peak}, then constant. */
    static LrSchedule linearWarmup(double peak, long warmupSteps) {
        return new LinearWarmup(peak, warmupSteps);
    }

    /** Linear warm-up to {@code peak}, then a half cosine down to {@code floor} at {@code totalSteps}, then {@code floor}. */
    static LrSchedule cosine(double peak, long warmupSteps, long totalSteps, double floor) {
        return new CosineDecay(peak, warmupSteps, totalSteps, floor);
    }
}
