package autograd.ops;

import static autograd.ops.Broadcast.expandBack;
import static autograd.ops.Broadcast.keptShape;

import autograd.Grad;
import autograd.Variable;
import java.util.List;
import java.util.stream.IntStream;
import tensor.Shape;
import tensor.Tensor;

/**
 * Backward rules of reductions, softmax and prefix sums. A reduction's output gradient {@code g}
 * is broadcast back over the reduced axes ({@link Broadcast#expandBack}); {@code axes == null}
 * means every axis.
 */
public final class ReductionGrads {
    private ReductionGrads() {}

    /** {@code y = Σ x}: {@code ∂x = g} broadcast back. */
    public static Variable sum(Variable x, int[] axes, boolean keepDim) {
        Shape in = x.shape();
        return Variable.fromOp("sum", x.value().sum(all(in, axes), keepDim),
                g -> List.of(() -> expandBack(g, in, axes, keepDim)), x);
    }

    /** {@code y = Σ x / n}: {@code ∂x = g / n} broadcast back. */
    public static Variable mean(Variable x, int[] axes, boolean keepDim) {
        Shape in = x.shape();
        double n = Broadcast.reducedCount(in, axes);
        return Variable.fromOp("mean", x.value().mean(all(in, axes), keepDim),
                g -> List.of(() -> expandBack(g, in, axes, keepDim).mul(1 / n)), x);
    }

    /** {@code y = Σ (x − x̄)² / (n − c)}: {@code ∂x = g·2(x − x̄)/(n − c)}. */
    public static Variable var(Variable x, int[] axes, int correction, boolean keepDim) {
        Tensor v = x.value();
        Shape in = x.shape();
        double n = Broadcast.reducedCount(in, axes);
        return Variable.fromOp("var", v.var(axes, correction, keepDim), g -> List.of(() -> {
            Tensor centred = v.sub(v.mean(axes, true));
            return centred.mul(keptShape(g, in, axes, keepDim)).mul(2 / (n - correction));
        }), x);
    }

    /**
     * {@code y = max x} (or min): the whole gradient goes to the element the maximum was taken
     * from, the first one in row-major order of the reduced axes at a tie (the argmax, whose
     * index is kept from the forward pass).
     */
    public static Variable extreme(Variable x, boolean max, int[] axes, boolean keepDim) {
        Tensor v = x.value();
        Shape in = x.shape();
        Tensor y = max ? v.max(all(in, axes), keepDim) : v.min(all(in, axes), keepDim);
        if (!Grad.tracks(x)) {
            return Variable.fromOp(max ? "max" : "min", y, g -> List.of(), x);
        }
        ReducedLast layout = new ReducedLast(in, Broadcast.normalise(in, axes));
        Tensor flat = layout.flatten(v);
        Tensor arg = max ? flat.argmax(-1, true) : flat.argmin(-1, true);
        return Variable.fromOp(max ? "max" : "min", y, g -> List.of(() -> {
            Tensor gFlat = layout.flattenKept(keptShape(g, in, axes, keepDim));
            Tensor spread = OnDevice.zeros(g, flat.shape().dims()).scatterAdd(-1, arg, gFlat);
            return layout.unflatten(spread);
        }), List.of(arg), x);
    }

    /** {@code y = log Σ eˣ}: {@code ∂x = g·e^(x − y)}, i.e. g times the softmax over the axes. */
    public static Variable logsumexp(Variable x, int[] axes, boolean keepDim) {
        Tensor v = x.value();
        Shape in = x.shape();
        Tensor y = v.logsumexp(all(in, axes), keepDim);
        return Variable.fromOp("logsumexp", y, g -> List.of(
                () -> expandBack(g, in, axes, keepDim).mul(v.sub(keptShape(y, in, axes, keepDim)).exp())), x);
    }

    /** {@code y = softmax(x)}: {@code ∂x = y ⊙ (g − Σ_axis g ⊙ y)}, one fused primitive. */
    public static Variable softmax(Variable x, int axis) {
        Tensor y = x.value().softmax(axis);
        return Variable.fromOp("softmax", y, g -> List.of(() -> y.softmaxBackward(g, axis)), x);
    }

    /** {@code y = log softmax(x)}: {@code ∂x = g − eʸ·Σ_axis g}, one fused primitive. */
    public static Variable logSoftmax(Variable x, int axis) {
        Tensor y = x.value().logSoftmax(axis);
        return Variable.fromOp("logSoftmax", y, g -> List.of(() -> y.logSoftmaxBackward(g, axis)), x);
    }

    /** {@code yᵢ = Σ_{j ≤ i} xⱼ}: {@code ∂xⱼ = Σ_{i ≥ j} gᵢ}, a reversed prefix sum. */
    public static Variable cumsum(Variable x, int axis) {
        return Variable.fromOp("cumsum", x.value().cumsum(axis),
                g -> List.of(() -> g.flip(axis).cumsum(axis).flip(axis)), x);
    }

    private static int[] all(Shape in, int[] axes) {
        return axes == null ? IntStream.range(0, in.rank()).toArray() : axes;
    }

    /** Moves the reduced axes to the end and flattens them into one ({@code [kept…, R]}), and back. */
    private static final class ReducedLast {
        private final int[] order;
        private final int[] inverse;
        private final int[] movedDims;
        private final int[] keptDims;
        private final int reducedSize;

        ReducedLast(Shape in, int[] reduced) {
            int[] kept = IntStream.range(0, in.rank()).filter(a -> IntStream.of(reduced).noneMatch(r -> r == a)).toArray();
            order = IntStream.concat(IntStream.of(kept), IntStream.of(reduced)).toArray();
            inverse = new int[order.length];
            for (int i = 0; i < order.length; i++) {
                inverse[order[i]] = i;
            }
            movedDims = IntStream.of(order).map(in::dim).toArray();
            keptDims = IntStream.of(kept).map(in::dim).toArray();
            reducedSize = IntStream.of(reduced).map(in::dim).reduce(1, (p, d) -> p * d);
        }

        /** {@code x} of the input's shape to {@code [kept…, R]}. */
        Tensor flatten(Tensor x) {
            return permute(x, order).reshape(withLast(reducedSize));
        }

        /** A gradient with size 1 at the reduced axes to {@code [kept…, 1]}. */
        Tensor flattenKept(Tensor g) {
            return permute(g, order).reshape(withLast(1));
        }

        Tensor unflatten(Tensor flat) {
            return permute(flat.reshape(movedDims), inverse);
        }

        private int[] withLast(int last) {
            int[] dims = java.util.Arrays.copyOf(keptDims, keptDims.length + 1);
            dims[keptDims.length] = last;
            return dims;
        }

        private static Tensor permute(Tensor t, int[] order) {
            boolean identity = IntStream.range(0, order.length).allMatch(i -> order[i] == i);
            return identity ? t : t.permute(order);
        }
    }
}
