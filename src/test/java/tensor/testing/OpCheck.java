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

    /** Called once before an op's cases: a check that needs a device skips (or fails under CI) here. */
    default void assumeReady() {}

    /** How many seeded cases to run per op. */
    default int cases() {
        return OpMatrix.CASES;
    }

    /** The largest size bound of a case; cases cycle through {@code 1..maxSize()}. */
    default int maxSize() {
        return OpMatrix.MAX_SIZE;
    }

    /** The sample this check really runs, from a generated one (gradient checks move it off kinks). */
    default <P> Sample<P> prepare(OpInfo<P> op, Sample<P> generated) {
        return generated;
    }

    <P> void check(OpInfo<P> op, Sample<P> sample);
}
