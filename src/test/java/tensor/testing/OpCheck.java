package tensor.testing;

/**
 * A property every op of a catalogue must have, checked on one sample at a time: agreement with
 * the reference, parity between backends, gradients against finite differences. A check throws
 * (usually an AssertionError) when the sample fails.
 */
public interface OpCheck {
    /** A short name for test reports: {@code cpu F64 vs reference}. */
    String name();

    /** Whether the check means anything for this op (e.g. gradients only for differentiable ops). */
    default boolean appliesTo(OpInfo<?> op) {
        return true;
    }

    <P> void check(OpInfo<P> op, Sample<P> sample);
}
