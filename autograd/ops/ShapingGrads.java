package autograd.ops;

import autograd.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import java.util.stream.IntStream;
import tensor.Shape;
import tensor.Tensor;

/**
 * Backward rules of views and copies that move elements without changing them: the gradient
 * moves the same elements back (reshape back, permute by the inverse, sum over broadcast axes,
 * zero-pad what a slice cut off, cut what padding added).
 */
public final class ShapingGrads {
    private ShapingGrads() {}

    /** {@code ∂x = g} reshaped to x's shape. */
    public static Variable reshape(Variable x, int... dims) {
        Shape in = x.shape();
        return Variable.fromOp("reshape", x.value().reshape(dims), g -> List.of(() -> g.reshape(in.dims())), x);
    }

    /** {@code ∂x = g} with the squeezed axis put back. */
    public static Variable squeeze(Variable x, int axis) {
        int a = x.shape().axis(axis, "squeeze");
        return Variable.fromOp("squeeze", x.value().squeeze(axis), g -> List.of(() -> g.unsqueeze(a)), x);
    }

    /** {@code ∂x = g} with the inserted axis removed. */
    public static Variable unsqueeze(Variable x, int axis) {
        Tensor y = x.value().unsqueeze(axis);
        int a = y.shape().axis(axis, "unsqueeze");
        return Variable.fromOp("unsqueeze", y, g -> List.of(() -> g.squeeze(a)), x);
    }

    /** {@code ∂x = g} permuted by the inverse permutation. */
    public static Variable permute(Variable x, int... order) {
        Tensor y = x.value().permute(order);
        int[] inverse = new int[order.length];
        for (int i = 0; i < order.length; i++) {
            inverse[x.shape().axis(order[i], "permute")] = i;
        }
        return Variable.fromOp("permute", y, g -> List.of(() -> g.permute(inverse)), x);
    }

    /** A transpose is its own inverse: {@code ∂x = gᵀ}. */
    public static Variable transpose(Variable x, int a, int b) {
        return Variable.fromOp("transpose", x.value().transpose(a, b), g -> List.of(() -> g.transpose(a, b)), x);
    }

    /** {@code ∂x} is zero except at the sliced positions, which receive {@code g}. */
    public static Variable slice(Variable x, int axis, int start, int end, int step) {
        Shape in = x.shape();
        int a = in.axis(axis, "slice");
        Tensor y = x.value().slice(axis, start, end, step);
        int first = Math.min(Math.max(start < 0 ? start + in.dim(a) : start, 0), in.dim(a));
        int taken = y.dim(a);
        return Variable.fromOp("slice", y, g -> List.of(() -> step == 1
                ? padAlong(g, a, first, in.dim(a) - first - taken)
                : scatterAlong(g, in, a, first, step)), x);
    }

    /** Zeros with {@code g} added at positions {@code first, first + step, …} along axis {@code a}. */
    private static Tensor scatterAlong(Tensor g, Shape in, int a, int first, int step) {
        int[] column = new int[g.rank()];
        java.util.Arrays.fill(column, 1);
        column[a] = g.dim(a);
        Tensor index = OnDevice.positions(g, first, step, g.dim(a)).reshape(column).expand(g.shape().dims());
        return OnDevice.zeros(g, in.dims()).scatterAdd(a, index, g);
    }

    private static Tensor padAlong(Tensor g, int axis, int before, int after) {
        int[] b = new int[g.rank()];
        int[] e = new int[g.rank()];
        b[axis] = before;
        e[axis] = after;
        return g.pad(b, e, 0);
    }

    /** Broadcasting copies each element along the expanded axes: {@code ∂x = Σ g} over them. */
    public static Variable expand(Variable x, int... dims) {
        Shape in = x.shape();
        return Variable.fromOp("expand", x.value().expand(dims), g -> List.of(() -> Broadcast.sumTo(g, in)), x);
    }

    /** Same values, another layout: {@code ∂x = g}. */
    public static Variable contiguous(Variable x) {
        return Variable.fromOp("contiguous", x.value().contiguous(), g -> List.of(() -> g), x);
    }

    /** {@code ∂partᵢ} is the i-th piece of {@code g} cut along the axis. */
    public static Variable concat(int axis, List<Variable> parts) {
        Tensor y = Tensor.concat(axis, parts.stream().map(Variable::value).toList());
        int a = y.shape().axis(axis, "concat");
        int[] sizes = parts.stream().mapToInt(p -> p.shape().dim(a)).toArray();
        return Variable.fromOp("concat", y, g -> suppliers(g.split(a, sizes)), parts.toArray(Variable[]::new));
    }

    /** {@code ∂partᵢ} is the i-th slice of {@code g} along the new axis. */
    public static Variable stack(int axis, List<Variable> parts) {
        Tensor y = Tensor.stack(axis, parts.stream().map(Variable::value).toList());
        int a = y.shape().axis(axis, "stack");
        int[] ones = IntStream.range(0, parts.size()).map(i -> 1).toArray();
        return Variable.fromOp("stack", y, g -> suppliers(g.split(a, ones).stream().map(p -> p.squeeze(a)).toList()),
                parts.toArray(Variable[]::new));
    }

    private static List<Supplier<Tensor>> suppliers(List<Tensor> grads) {
        return grads.stream().map(t -> (Supplier<Tensor>) () -> t).toList();
    }

    /** Each piece is a slice: its gradient is {@code g} zero-padded back to the whole. */
    public static List<Variable> split(Variable x, int axis, int... sizes) {
        return pieces("split", x, axis, x.value().split(axis, sizes));
    }

    public static List<Variable> chunk(Variable x, int axis, int n) {
        return pieces("chunk", x, axis, x.value().chunk(axis, n));
    }

    private static List<Variable> pieces(String op, Variable x, int axis, List<Tensor> values) {
        int a = x.shape().axis(axis, op);
        int length = x.shape().dim(a);
        List<Variable> out = new ArrayList<>();
        int offset = 0;
        for (Tensor piece : values) {
            int before = offset;
            int after = length - offset - piece.dim(a);
            out.add(Variable.fromOp(op, piece, g -> List.of(() -> padAlong(g, a, before, after)), x));
            offset += piece.dim(a);
        }
        return out;
    }

    /** Padding adds constants: {@code ∂x} is the part of {@code g} that is not padding. */
    public static Variable pad(Variable x, int[] before, int[] after, double value) {
        Shape in = x.shape();
        return Variable.fromOp("pad", x.value().pad(before, after, value), g -> List.of(() -> {
            Tensor inner = g;
            for (int i = 0; i < in.rank(); i++) {
                inner = inner.slice(i, before[i], before[i] + in.dim(i));
            }
            return inner;
        }), x);
    }

    /** Flipping is its own inverse: {@code ∂x = flip(g)}. */
    public static Variable flip(Variable x, int... axes) {
        return Variable.fromOp("flip", x.value().flip(axes), g -> List.of(() -> g.flip(axes)), x);
    }

    /**
     * Tiling copies x {@code rᵢ} times along each axis: {@code ∂x} sums the copies, by viewing
     * {@code g} as {@code [r₀, d₀, r₁, d₁, …]} and summing the {@code r} axes.
     */
    public static Variable repeat(Variable x, int... repeats) {
        Shape in = x.shape();
        int lead = repeats.length - in.rank();
        int[] interleaved = new int[2 * repeats.length];
        for (int i = 0; i < repeats.length; i++) {
            interleaved[2 * i] = repeats[i];
            interleaved[2 * i + 1] = i < lead ? 1 : in.dim(i - lead);
        }
        int[] copyAxes = IntStream.range(0, repeats.length).map(i -> 2 * i).toArray();
        return Variable.fromOp("repeat", x.value().repeat(repeats),
                g -> List.of(() -> g.reshape(interleaved).sum(copyAxes).reshape(in.dims())), x);
    }
}
