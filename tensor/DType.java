package tensor;

/**
 * Element types. {@code F32} is the default for values, {@code I32} holds indices, tokens and
 * masks (comparisons produce 0/1 in {@code I32}), {@code F64} exists so gradients can be checked
 * by finite differences in double precision.
 */
public enum DType {
    F32(4, true),
    F64(8, true),
    I32(4, false);

    private final int bytes;
    private final boolean floating;

    DType(int bytes, boolean floating) {
        this.bytes = bytes;
        this.floating = floating;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }

    /** Whether the type holds real numbers (F32, F64) rather than integers. */
    public boolean isFloating() {
        return floating;
    }
}
