package tensor.cpu;

import tensor.*;

final class CpuMatmul {
    private CpuMatmul() {}
    static void matmul(Tensor a, Tensor b, Tensor out, boolean transA, boolean transB) { throw new UnsupportedOperationException("pending"); }
}
