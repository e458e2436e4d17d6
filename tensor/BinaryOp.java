package tensor;

/**
 * Elementwise functions of two tensors of the same dtype. Comparisons produce I32 masks
 * (1 where true, 0 where false); the arithmetic ops produce the operands' dtype. Integer
 * {@code DIV} truncates toward zero like Java. {@code SILU_BACKWARD} is the gradient of SiLU,
 * {@code g·σ(x)·(1 + x·(1 − σ(x)))} for {@code g} (first operand) at {@code x} (second), one pass
 * where the formula would take seven (PyTorch's {@code silu_backward}); floating dtypes only.
 */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM, SILU_BACKWARD,
    EQ, NE, LT, LE, GT, GE;

    public boolean isComparison() {
        return ordinal() >= EQ.ordinal();
    }

    /** Whether the op is defined on I32 tensors. */
    public boolean acceptsIntegers() {
        return this != SILU_BACKWARD;
    }
}
