package nn.attention;

import tensor.Generator;

/**
 * Dropout on attention weights: each weight is zeroed with probability {@code p} and the rest are
 * scaled by {@code 1/(1 − p)}, drawing from {@code generator}. A module hands {@link #NONE} to the
 * core in evaluation mode.
 */
public record WeightDropout(double p, Generator generator) {
    public static final WeightDropout NONE = new WeightDropout(0, null);

    public WeightDropout {
        if (!(p >= 0 && p < 1)) {
            throw new IllegalArgumentException("attention dropout must be in [0, 1), got " + p);
        }
        if (p > 0 && generator == null) {
            throw new IllegalArgumentException("attention dropout " + p + " needs a generator");
        }
    }

    /** Whether weights are dropped at all. */
    public boolean active() {
        return p > 0;
    }
}
