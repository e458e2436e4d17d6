package tensor;

/**
 * An index tensor held a value outside {@code [0, size)} of the axis it indexes. Raised by
 * {@link Backend#gather} and {@link Backend#scatterAdd} before anything is written; the fields let
 * a composite op (one-hot, embedding) restate the problem in its own terms.
 */
public final class IndexRangeException extends IndexOutOfBoundsException {
    private final int value;
    private final int size;

    /** An error with a message of its own about {@code value} outside {@code [0, size)}. */
    public IndexRangeException(String message, int value, int size) {
        super(message);
        this.value = value;
        this.size = size;
    }

    /** The standard message: the op, the value, the axis and its size. */
    public static IndexRangeException onAxis(String op, int value, int axis, int size) {
        return new IndexRangeException(op + ": index " + value + " is out of range for axis " + axis
                + " of size " + size, value, size);
    }

    /** The offending index. */
    public int value() {
        return value;
    }

    /** The length of the indexed axis. */
    public int size() {
        return size;
    }
}
