package tensor;

/** 3D (and 2D) convolution and its two backward passes. */
final class Convolution {
    private Convolution() {}
    static Tensor conv3d(Tensor x, Tensor w, Tensor bias, ConvSpec spec) { throw new UnsupportedOperationException("pending"); }
    static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, int padding, int dilation, int groups) { throw new UnsupportedOperationException("pending"); }
    static Tensor inputGrad(Tensor gradOut, Tensor w, Shape inputShape, ConvSpec spec) { throw new UnsupportedOperationException("pending"); }
    static Tensor weightGrad(Tensor x, Tensor gradOut, Shape weightShape, ConvSpec spec) { throw new UnsupportedOperationException("pending"); }
}
