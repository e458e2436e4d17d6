package tensor;

/** Matrix products with NumPy's matmul semantics. */
final class LinearAlgebra {
    private LinearAlgebra() {}
    static Tensor matmul(Tensor a, Tensor b, boolean transposeA, boolean transposeB) { throw new UnsupportedOperationException("pending"); }
}
