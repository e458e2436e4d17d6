package tensor.cpu;

import tensor.*;

final class CpuRandom {
    private CpuRandom() {}
    static void uniform(Tensor out, long seed, long stream, long counter) { throw new UnsupportedOperationException("pending"); }
    static void normal(Tensor out, long seed, long stream, long counter) { throw new UnsupportedOperationException("pending"); }
}
