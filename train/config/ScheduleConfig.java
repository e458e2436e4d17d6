package train.config;

import train.optim.CosineDecay;
import train.optim.LinearWarmup;
import train.optim.LrSchedule;

/**
 * How the learning rate moves over a run: {@code kind} is {@code constant} or {@code cosine};
 * both ramp up linearly over {@code warmup_steps}; {@code cosine} then decays to
 * {@code min_lr_ratio · learning_rate} at the last step (Loshchilov &amp; Hutter, "SGDR", 2017).
 */
public record ScheduleConfig(String kind, long warmupSteps, double minLrRatio) {
    public static final ScheduleConfig DEFAULTS = new ScheduleConfig("constant", 0, 0.1);

    public ScheduleConfig {
        if (kind == null || kind.isBlank()) {
            throw new IllegalArgumentException("schedule.kind must be set (constant or cosine)");
        }
        if (!kind.equals("constant") && !kind.equals("cosine")) {
            throw new IllegalArgumentException("schedule.kind: unknown schedule '" + kind + "' (known: constant, cosine)");
        }
        if (warmupSteps < 0) {
            throw new IllegalArgumentException("schedule.warmup_steps must be at least 0, got " + warmupSteps);
        }
        if (!(minLrRatio >= 0 && minLrRatio <= 1)) {
            throw new IllegalArgumentException("schedule.min_lr_ratio must be in [0, 1], got " + minLrRatio);
        }
    }

    /** The schedule for a run of {@code totalSteps} updates peaking at {@code peak}. */
    public LrSchedule build(double peak, long totalSteps) {
        if (kind.equals("constant") || totalSteps <= warmupSteps) {
            return new LinearWarmup(peak, warmupSteps);
        }
        return new CosineDecay(peak, warmupSteps, totalSteps, peak * minLrRatio);
    }
}
