package tensor.cpu;

import tensor.*;

final class CpuIndexing {
    private CpuIndexing() {}
    static void gather(Tensor x, int axis, Tensor index, Tensor out) { throw new UnsupportedOperationException("pending"); }
    static void scatterAdd(Tensor target, int axis, Tensor index, Tensor src) { throw new UnsupportedOperationException("pending"); }
    static void topk(Tensor x, int axis, int k, boolean largest, Tensor values, Tensor indices) { throw new UnsupportedOperationException("pending"); }
    static void cumsum(Tensor x, int axis, Tensor out) { throw new UnsupportedOperationException("pending"); }
}
