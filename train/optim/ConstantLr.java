package train.optim;

/** {@code lr(step) = lr}. */
public record ConstantLr(double lr) implements LrSchedule {

    public ConstantLr {
        ParamGroup.checkNonNegative("learning rate", lr);
    }

    @Override
    public double lr(long step) {
        LinearWarmup.checkStep(step);
        return lr;
    }
}
