package tensor;

/** Making tensors from values, constants, ranges and random draws; moving them between devices and to the host. */
final class Creation {
    private Creation() {}
    static Tensor of(Backend b, float[] data, Shape shape) { throw new UnsupportedOperationException("pending"); }
    static Tensor of(Backend b, double[] data, Shape shape) { throw new UnsupportedOperationException("pending"); }
    static Tensor of(Backend b, int[] data, Shape shape) { throw new UnsupportedOperationException("pending"); }
    static Tensor full(Backend b, double value, DType dtype, Shape shape) { throw new UnsupportedOperationException("pending"); }
    static Tensor arange(Backend b, double start, double end, double step, DType dtype) { throw new UnsupportedOperationException("pending"); }
    static Tensor eye(Backend b, int n, DType dtype) { throw new UnsupportedOperationException("pending"); }
    static Tensor rand(Backend b, Generator gen, DType dtype, Shape shape) { throw new UnsupportedOperationException("pending"); }
    static Tensor randn(Backend b, Generator gen, DType dtype, Shape shape) { throw new UnsupportedOperationException("pending"); }
    static Tensor transfer(Tensor t, Backend target) { throw new UnsupportedOperationException("pending"); }
    static float[] readFloats(Tensor t) { throw new UnsupportedOperationException("pending"); }
    static double[] readDoubles(Tensor t) { throw new UnsupportedOperationException("pending"); }
    static int[] readInts(Tensor t) { throw new UnsupportedOperationException("pending"); }
}
