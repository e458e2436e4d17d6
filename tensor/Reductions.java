package tensor;

/**
 * Reductions along axes, softmax and prefix sums.
 *
 * <ul>
 *   <li>Axes may be negative (counted from the end); a null or empty axes array means every axis
 *       (so {@code x.var()} and {@code x.logsumexp()} reduce everything, as in PyTorch).</li>
 *   <li>With {@code keepDim} the reduced axes stay as size 1; without, they are dropped (a free
 *       view of the contiguous result).</li>
 *   <li>{@code mean}, {@code var}, {@code logsumexp}, {@code softmax} need F32 or F64.</li>
 *   <li>Over zero elements: {@code sum} is 0, {@code mean} and {@code var} NaN, {@code logsumexp}
 *       −∞; {@code max}, {@code min}, {@code argmax} and {@code argmin} are errors.</li>
 *   <li>The backend primitives take contiguous inputs, so a strided view is copied first.</li>
 * </ul>
 */
final class Reductions {
    private Reductions() {}

    static Tensor sum(Tensor x, int[] axes, boolean keepDim) {
        x.checkOpen("sum");
        int[] ax = normalise(x, axes, "sum");
        return finish(reduceKeepingDims(ReduceOp.SUM, x, ax), ax, keepDim);
    }

    /** {@code Σ x / n} over the axes. */
    static Tensor mean(Tensor x, int[] axes, boolean keepDim) {
        Elementwise.requireFloating("mean", x);
        int[] ax = normalise(x, axes, "mean");
        try (Tensor sum = reduceKeepingDims(ReduceOp.SUM, x, ax)) {
            return finish(sum.mul(1.0 / count(x, ax)), ax, keepDim);
        }
    }

    /** {@code Σ (x − mean)² / (n − correction)}, two-pass; NaN or ∞ when {@code n ≤ correction}. */
    static Tensor var(Tensor x, int[] axes, int correction, boolean keepDim) {
        Elementwise.requireFloating("var", x);
        int[] ax = normalise(x, axes, "var");
        if (correction < 0) {
            throw new ShapeException("var", "correction must be non-negative, got " + correction);
        }
        double divisor = Math.max(0, count(x, ax) - correction);
        try (Tensor mean = mean(x, ax, true);
             Tensor centred = x.sub(mean);
             Tensor squares = centred.square();
             Tensor sum = reduceKeepingDims(ReduceOp.SUM, squares, ax)) {
            return finish(sum.mul(1 / divisor), ax, keepDim);
        }
    }

    /** Maximum or minimum; NaN propagates. */
    static Tensor extreme(ReduceOp op, Tensor x, int[] axes, boolean keepDim) {
        String name = op == ReduceOp.MAX ? "max" : "min";
        x.checkOpen(name);
        int[] ax = normalise(x, axes, name);
        rejectEmpty(name, x, ax);
        return finish(reduceKeepingDims(op, x, ax), ax, keepDim);
    }

    /** First index (I32) of the extreme along one axis; a NaN counts as the extreme. */
    static Tensor arg(ReduceOp op, Tensor x, int axis, boolean keepDim) {
        String name = op == ReduceOp.ARGMAX ? "argmax" : "argmin";
        x.checkOpen(name);
        int[] ax = {x.shape().axis(axis, name)};
        rejectEmpty(name, x, ax);
        return finish(reduceKeepingDims(op, x, ax), ax, keepDim);
    }

    /** {@code m + log Σ exp(x − m)} with {@code m} the maximum (0 where it is not finite). */
    static Tensor logsumexp(Tensor x, int[] axes, boolean keepDim) {
        Elementwise.requireFloating("logsumexp", x);
        int[] ax = normalise(x, axes, "logsumexp");
        if (count(x, ax) == 0) {
            return finish(Creation.full(x.backend(), Double.NEGATIVE_INFINITY, x.dtype(), keptShape(x, ax)), ax, keepDim);
        }
        try (Tensor max = reduceKeepingDims(ReduceOp.MAX, x, ax);
             Tensor magnitude = max.abs();
             Tensor finite = magnitude.lt(Double.POSITIVE_INFINITY);
             Tensor zero = max.zerosLike();
             Tensor shift = Tensor.where(finite, max, zero);
             Tensor shifted = x.sub(shift);
             Tensor exps = shifted.exp();
             Tensor sum = reduceKeepingDims(ReduceOp.SUM, exps, ax);
             Tensor logSum = sum.log()) {
            return finish(logSum.add(shift), ax, keepDim);
        }
    }

    /** Softmax (or log-softmax) along one axis, max-subtracted. */
    static Tensor softmax(Tensor x, int axis, boolean log) {
        String name = log ? "logSoftmax" : "softmax";
        Elementwise.requireFloating(name, x);
        int a = x.shape().axis(axis, name);
        Tensor out = Tensor.empty(x.backend(), x.dtype(), x.shape());
        try (Operands in = Operands.dense(x)) {
            x.backend().softmax(in.get(0), a, log, out);
        }
        return out;
    }

    /**
     * The input gradient of softmax (or log-softmax) along one axis from its output {@code y} and
     * output gradient {@code g}: {@code y ⊙ (g − Σ g ⊙ y)} (or {@code g − e^y · Σ g}).
     */
    static Tensor softmaxBackward(Tensor y, Tensor g, int axis, boolean log) {
        String name = log ? "logSoftmaxBackward" : "softmaxBackward";
        Elementwise.requireFloating(name, y);
        int a = y.shape().axis(axis, name);
        if (!y.shape().equals(g.shape()) || y.dtype() != g.dtype() || y.backend() != g.backend()) {
            throw new ShapeException(name, "output " + y.shape() + " " + y.dtype() + " and its gradient "
                    + g.shape() + " " + g.dtype() + " must have one shape, dtype and backend");
        }
        Tensor gradX = Tensor.empty(y.backend(), y.dtype(), y.shape());
        try (Operands in = Operands.dense(y, g)) {
            y.backend().softmaxBackward(in.get(0), in.get(1), a, log, gradX);
        }
        return gradX;
    }

    /** Rows over the axes {@code axis…last} normalised to mean 0 (when {@code center}) and mean square 1. */
    static Tensor normalize(Tensor x, int axis, boolean center, double eps) {
        int a = checkNormalize("normalize", x, axis, eps);
        Tensor out = Tensor.empty(x.backend(), x.dtype(), x.shape());
        try (Operands in = Operands.dense(x)) {
            x.backend().normalize(in.get(0), a, center, eps, out);
        }
        return out;
    }

    /** The gradient of {@link #normalize} at {@code x} for output gradient {@code g}. */
    static Tensor normalizeBackward(Tensor x, Tensor g, int axis, boolean center, double eps) {
        int a = checkNormalize("normalizeBackward", x, axis, eps);
        if (!x.shape().equals(g.shape()) || x.dtype() != g.dtype() || x.backend() != g.backend()) {
            throw new ShapeException("normalizeBackward", "input " + x.shape() + " " + x.dtype() + " and the gradient "
                    + g.shape() + " " + g.dtype() + " must have one shape, dtype and backend");
        }
        Tensor gradX = Tensor.empty(x.backend(), x.dtype(), x.shape());
        try (Operands in = Operands.dense(x, g)) {
            x.backend().normalizeBackward(in.get(0), in.get(1), a, center, eps, gradX);
        }
        return gradX;
    }

    private static int checkNormalize(String name, Tensor x, int axis, double eps) {
        Elementwise.requireFloating(name, x);
        if (!(eps >= 0)) {
            throw new IllegalArgumentException(name + ": eps must be ≥ 0, got " + eps);
        }
        return x.shape().axis(axis, name);
    }

    /** Inclusive prefix sum along one axis. */
    static Tensor cumsum(Tensor x, int axis) {
        x.checkOpen("cumsum");
        int a = x.shape().axis(axis, "cumsum");
        Tensor out = Tensor.empty(x.backend(), x.dtype(), x.shape());
        try (Operands in = Operands.dense(x)) {
            x.backend().cumsum(in.get(0), a, out);
        }
        return out;
    }

    // ---- shared steps --------------------------------------------------------------------

    /** Sorted, distinct, non-negative axes; null or empty means all. */
    private static int[] normalise(Tensor x, int[] axes, String op) {
        if (axes == null || axes.length == 0) {
            int[] all = new int[x.rank()];
            for (int i = 0; i < all.length; i++) {
                all[i] = i;
            }
            return all;
        }
        return x.shape().axes(axes, op);
    }

    /** An extreme over no elements has no value: an error, unless there are no outputs either. */
    private static void rejectEmpty(String op, Tensor x, int[] axes) {
        if (count(x, axes) > 0 || keptShape(x, axes).numel() == 0) {
            return;
        }
        for (int a : axes) {
            if (x.dim(a) == 0) {
                throw new ShapeException(op, "cannot reduce over axis " + a + " of size 0 in shape " + x.shape()
                        + ": the result would have no value");
            }
        }
    }

    /** Number of elements each output combines. */
    private static int count(Tensor x, int[] axes) {
        int n = 1;
        for (int a : axes) {
            n *= x.dim(a);
        }
        return n;
    }

    /** {@code x}'s shape with the reduced axes set to 1. */
    private static Shape keptShape(Tensor x, int[] axes) {
        int[] dims = x.shape().dims();
        for (int a : axes) {
            dims[a] = 1;
        }
        return Shape.of(dims);
    }

    /** The reduction with the reduced axes kept as size 1 (a fresh contiguous tensor). */
    private static Tensor reduceKeepingDims(ReduceOp op, Tensor x, int[] axes) {
        Tensor out = Tensor.empty(x.backend(), op.isArg() ? DType.I32 : x.dtype(), keptShape(x, axes));
        try (Operands in = Operands.dense(x)) {
            x.backend().reduce(op, in.get(0), axes, out);
        }
        return out;
    }

    /** Drops the reduced axes of a contiguous keep-dim result unless asked to keep them. */
    private static Tensor finish(Tensor kept, int[] axes, boolean keepDim) {
        if (keepDim || axes.length == 0) {
            return kept;
        }
        int[] dims = new int[kept.rank() - axes.length];
        int next = 0;
        int skip = 0;
        for (int a = 0; a < kept.rank(); a++) {
            if (skip < axes.length && axes[skip] == a) {
                skip++;
            } else {
                dims[next++] = kept.dim(a);
            }
        }
        Shape shape = Shape.of(dims);
        try (kept) {
            return kept.view(shape, shape.contiguousStrides(), kept.offset());
        }
    }
}
