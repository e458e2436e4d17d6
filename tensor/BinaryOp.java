package tensor;

/**
 * Elementwise functions of two tensors of the same dtype. Comparisons produce I32 masks
 * (1 where true, 0 where false); the arithmetic ops produce the operands' dtype. Integer
 * {@code DIV} truncates toward zero like Java.
 */
public enum BinaryOp {
    ADD, SUB, MUL, DIV, POW, MAXIMUM, MINIMUM,
    EQ, NE, LT, LE, GT, GE;

    public boolean isComparison() {
        return ordinal() >= EQ.ordinal();
    }
}
