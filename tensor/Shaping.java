package tensor;

import java.util.List;

/** Reshaping, reordering, slicing, joining and padding. */
final class Shaping {
    private Shaping() {}
    static Tensor reshape(Tensor x, int... shape) { throw new UnsupportedOperationException("pending"); }
    static Tensor squeeze(Tensor x, int axis) { throw new UnsupportedOperationException("pending"); }
    static Tensor unsqueeze(Tensor x, int axis) { throw new UnsupportedOperationException("pending"); }
    static Tensor permute(Tensor x, int... order) { throw new UnsupportedOperationException("pending"); }
    static Tensor transpose(Tensor x, int a, int b) { throw new UnsupportedOperationException("pending"); }
    static Tensor slice(Tensor x, int axis, int start, int end, int step) { throw new UnsupportedOperationException("pending"); }
    static Tensor expand(Tensor x, int... shape) { throw new UnsupportedOperationException("pending"); }
    static Tensor contiguous(Tensor x) { throw new UnsupportedOperationException("pending"); }
    static Tensor concat(int axis, List<Tensor> parts) { throw new UnsupportedOperationException("pending"); }
    static Tensor stack(int axis, List<Tensor> parts) { throw new UnsupportedOperationException("pending"); }
    static List<Tensor> split(Tensor x, int axis, int... sizes) { throw new UnsupportedOperationException("pending"); }
    static List<Tensor> chunk(Tensor x, int axis, int n) { throw new UnsupportedOperationException("pending"); }
    static Tensor pad(Tensor x, int[] before, int[] after, double value) { throw new UnsupportedOperationException("pending"); }
    static Tensor flip(Tensor x, int... axes) { throw new UnsupportedOperationException("pending"); }
    static Tensor repeat(Tensor x, int... repeats) { throw new UnsupportedOperationException("pending"); }
}
