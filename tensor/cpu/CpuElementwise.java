package tensor.cpu;

import tensor.*;

final class CpuElementwise {
    private CpuElementwise() {}
    static void fill(Tensor out, double value) { throw new UnsupportedOperationException("pending"); }
    static void iota(Tensor out, double start, double step) { throw new UnsupportedOperationException("pending"); }
    static void unary(UnaryOp op, Tensor x, Tensor out, double alpha, double beta) { throw new UnsupportedOperationException("pending"); }
    static void binary(BinaryOp op, Tensor a, Tensor b, Tensor out) { throw new UnsupportedOperationException("pending"); }
    static void where(Tensor cond, Tensor a, Tensor b, Tensor out) { throw new UnsupportedOperationException("pending"); }
}
