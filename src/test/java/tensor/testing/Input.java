package tensor.testing;

/**
 * One input of a sample: its values, and whether it takes the dtype under test ({@code FLOAT}) or
 * is always I32 (indices, masks, token ids). {@code simplest} is what the shrinker may replace
 * its values with while keeping the sample valid.
 */
public record Input(String name, NdArray values, Kind kind, double simplest) {
    public enum Kind { FLOAT, INT }

    /** A value input in a domain. */
    public static Input value(String name, NdArray values, Domain domain) {
        return new Input(name, values, Kind.FLOAT, domain.simplest());
    }

    /** An I32 input (always valid when set to 0: indices into non-empty axes, masks). */
    public static Input ints(String name, NdArray values) {
        return new Input(name, values, Kind.INT, 0);
    }

    public Input withValues(NdArray v) {
        return new Input(name, v, kind, simplest);
    }

    @Override
    public String toString() {
        return name + (kind == Kind.INT ? " (I32) " : " ") + values;
    }
}
