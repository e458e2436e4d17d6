package tensor;

/**
 * A tensor op was called with shapes, axes or dtypes it cannot take. The message names the op,
 * the offending shapes and the axis, and is raised when the op is called, never from a kernel.
 */
public final class ShapeException extends IllegalArgumentException {
    public ShapeException(String op, String problem) {
        super(op + ": " + problem);
    }
}
