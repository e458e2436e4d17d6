package autograd.ops;

import java.util.Arrays;
import tensor.Shape;
import tensor.Tensor;

/** Moving gradients between a reduced or broadcast shape and the shape of the input it came from. */
final class Broadcast {
    private Broadcast() {}

    /**
     * The gradient of a broadcast: {@code g} has the broadcast shape; sum it over the axes that
     * broadcasting added or stretched from 1, back to {@code shape}.
     */
    static Tensor sumTo(Tensor g, Shape shape) {
        if (g.shape().equals(shape)) {
            return g;
        }
        int extra = g.rank() - shape.rank();
        int[] axes = java.util.stream.IntStream.range(0, g.rank())
                .filter(i -> i < extra || (shape.dim(i - extra) == 1 && g.dim(i) != 1))
                .toArray();
        Tensor summed = axes.length == 0 ? g : g.sum(axes, true);
        return summed.reshape(shape.dims());
    }

    /**
     * The gradient of a reduction over {@code axes} (null: all) of an input of shape {@code in}:
     * put the reduced axes back as size 1 (if they were dropped) and broadcast along them.
     */
    static Tensor expandBack(Tensor g, Shape in, int[] axes, boolean keepDim) {
        return keptShape(g, in, axes, keepDim).expand(in.dims());
    }

    /** {@code g} reshaped to the input's rank, with size 1 at the reduced axes. */
    static Tensor keptShape(Tensor g, Shape in, int[] axes, boolean keepDim) {
        if (keepDim) {
            return g;
        }
        int[] dims = in.dims();
        for (int a : normalise(in, axes)) {
            dims[a] = 1;
        }
        return g.reshape(dims);
    }

    /** Sorted, non-negative axes; null means every axis. */
    static int[] normalise(Shape in, int[] axes) {
        if (axes == null) {
            return java.util.stream.IntStream.range(0, in.rank()).toArray();
        }
        return in.axes(axes, "reduce");
    }

    /** How many elements each output element of a reduction over {@code axes} combines. */
    static int reducedCount(Shape in, int[] axes) {
        return Arrays.stream(normalise(in, axes)).map(in::dim).reduce(1, (p, d) -> p * d);
    }
}
