package tensor;

/**
 * Reductions along axes. {@code ARGMAX} and {@code ARGMIN} take exactly one axis, produce I32
 * and return the first index of the extreme value (NaN counts as the extreme, like NumPy).
 */
public enum ReduceOp {
    SUM, MAX, MIN, ARGMAX, ARGMIN;

    public boolean isArg() {
        return this == ARGMAX || this == ARGMIN;
    }
}
