package tensor;

/** Elementwise ops with NumPy broadcasting. */
final class Elementwise {
    private Elementwise() {}
    static Tensor unary(UnaryOp op, Tensor x, double alpha, double beta) { throw new UnsupportedOperationException("pending"); }
    static Tensor binary(BinaryOp op, Tensor a, Tensor b) { throw new UnsupportedOperationException("pending"); }
    static Tensor binaryScalar(BinaryOp op, Tensor a, double s) { throw new UnsupportedOperationException("pending"); }
    static Tensor clamp(Tensor x, double lo, double hi) { throw new UnsupportedOperationException("pending"); }
    static Tensor where(Tensor cond, Tensor a, Tensor b) { throw new UnsupportedOperationException("pending"); }
    static Tensor cast(Tensor x, DType dtype) { throw new UnsupportedOperationException("pending"); }
}
