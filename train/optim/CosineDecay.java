package train.optim;

/**
 * Linear warm-up, then cosine decay to a floor (Loshchilov and Hutter, "SGDR", 2017, without
 * restarts). With {@code W} warm-up and {@code S} total steps:
 * <pre>
 * lr(s) = peak·(s + 1)/W                                       s &lt; W         (see {@link LinearWarmup})
 * lr(s) = floor + (peak − floor)·½·(1 + cos(π·(s − W)/(S − W)))   W ≤ s &lt; S
 * lr(s) = floor                                                 s ≥ S
 * </pre>
 * so the decay starts at {@code peak} on update {@code W} and reaches {@code floor} at {@code S}.
 *
 * @param peak        the rate at the end of warm-up
 * @param warmupSteps W ≥ 0
 * @param totalSteps  S &gt; W
 * @param floor       the final rate, {@code 0 ≤ floor ≤ peak}
 */
public record CosineDecay(double peak, long warmupSteps, long totalSteps, double floor) implements LrSchedule {

    public CosineDecay {
        ParamGroup.checkNonNegative("peak learning rate", peak);
        ParamGroup.checkNonNegative("floor learning rate", floor);
        if (floor > peak) {
            throw new IllegalArgumentException("cosine decay: the floor " + floor + " is above the peak " + peak);
        }
        if (warmupSteps < 0 || totalSteps <= warmupSteps) {
            throw new IllegalArgumentException("cosine decay: needs 0 ≤ warmupSteps < totalSteps, got warmupSteps "
                    + warmupSteps + ", totalSteps " + totalSteps);
        }
    }

    @Override
    public double lr(long step) {
        LinearWarmup.checkStep(step);
        LinearWarmup warmup = new LinearWarmup(peak, warmupSteps);
        if (warmup.warmingUp(step)) {
            return warmup.lr(step);
        }
        if (step >= totalSteps) {
            return floor;
        }
        double progress = (double) (step - warmupSteps) / (totalSteps - warmupSteps);
        return floor + (peak - floor) * 0.5 * (1 + Math.cos(Math.PI * progress));
    }
}
