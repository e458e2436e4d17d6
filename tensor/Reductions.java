package tensor;

/** Reductions along axes, softmax and prefix sums. A null axes array means every axis. */
final class Reductions {
    private Reductions() {}
    static Tensor sum(Tensor x, int[] axes, boolean keepDim) { throw new UnsupportedOperationException("pending"); }
    static Tensor mean(Tensor x, int[] axes, boolean keepDim) { throw new UnsupportedOperationException("pending"); }
    static Tensor var(Tensor x, int[] axes, int correction, boolean keepDim) { throw new UnsupportedOperationException("pending"); }
    static Tensor extreme(ReduceOp op, Tensor x, int[] axes, boolean keepDim) { throw new UnsupportedOperationException("pending"); }
    static Tensor arg(ReduceOp op, Tensor x, int axis, boolean keepDim) { throw new UnsupportedOperationException("pending"); }
    static Tensor logsumexp(Tensor x, int[] axes, boolean keepDim) { throw new UnsupportedOperationException("pending"); }
    static Tensor softmax(Tensor x, int axis, boolean log) { throw new UnsupportedOperationException("pending"); }
    static Tensor cumsum(Tensor x, int axis) { throw new UnsupportedOperationException("pending"); }
}
