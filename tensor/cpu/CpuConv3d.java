package tensor.cpu;

import tensor.*;

final class CpuConv3d {
    private CpuConv3d() {}
    static void conv3d(Tensor x, Tensor w, Tensor bias, Tensor out, ConvSpec spec) { throw new UnsupportedOperationException("pending"); }
    static void inputGrad(Tensor gradOut, Tensor w, Tensor gradIn, ConvSpec spec) { throw new UnsupportedOperationException("pending"); }
    static void weightGrad(Tensor x, Tensor gradOut, Tensor gradW, ConvSpec spec) { throw new UnsupportedOperationException("pending"); }
}
