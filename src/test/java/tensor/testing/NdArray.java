package tensor.testing;

import java.util.Arrays;
import java.util.function.DoubleBinaryOperator;
import java.util.function.DoubleUnaryOperator;
import java.util.function.ToDoubleFunction;
import java.util.function.UnaryOperator;

/**
 * The test oracle's array: row-major {@code double} values and a shape, with index helpers and
 * NumPy broadcasting written out plainly. References in the op catalogues are computed on these,
 * never with Zoetrope's kernels. Mutable through {@link #set}, which only references use while
 * they build a result.
 */
public final class NdArray {
    private final int[] shape;
    private final double[] data;

    public NdArray(int[] shape, double[] data) {
        if (numel(shape) != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + numel(shape)
                    + " values, got " + data.length);
        }
        this.shape = shape.clone();
        this.data = data;
    }

    public static NdArray zeros(int... shape) {
        return new NdArray(shape, new double[numel(shape)]);
    }

    public static NdArray scalar(double v) {
        return new NdArray(new int[0], new double[] {v});
    }

    /** An array whose element at each index is {@code f(index)}. */
    public static NdArray build(int[] shape, ToDoubleFunction<int[]> f) {
        NdArray out = zeros(shape);
        for (int i = 0; i < out.data.length; i++) {
            out.data[i] = f.applyAsDouble(out.unflat(i));
        }
        return out;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int dim(int axis) {
        return shape[axis < 0 ? axis + shape.length : axis];
    }

    public int numel() {
        return data.length;
    }

    /** The values, row-major (the array itself, not a copy). */
    public double[] data() {
        return data;
    }

    public static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** Row-major flat position of a full index. */
    public int flat(int[] index) {
        int f = 0;
        for (int a = 0; a < shape.length; a++) {
            f = f * shape[a] + index[a];
        }
        return f;
    }

    /** The full index of a row-major flat position. */
    public int[] unflat(int flat) {
        int[] index = new int[shape.length];
        for (int a = shape.length - 1; a >= 0; a--) {
            index[a] = flat % shape[a];
            flat /= shape[a];
        }
        return index;
    }

    public double get(int... index) {
        return data[flat(index)];
    }

    public void set(double value, int... index) {
        data[flat(index)] = value;
    }

    /**
     * The element that index {@code outIndex} of a broadcast result of rank {@code outIndex.length}
     * reads from this array: trailing axes aligned, size-1 axes repeated.
     */
    public double broadcastGet(int[] outIndex) {
        int lead = outIndex.length - shape.length;
        int f = 0;
        for (int a = 0; a < shape.length; a++) {
            f = f * shape[a] + (shape[a] == 1 ? 0 : outIndex[lead + a]);
        }
        return data[f];
    }

    /** NumPy's broadcast of shapes; throws if they are incompatible. */
    public static int[] broadcastShape(int[]... shapes) {
        int rank = 0;
        for (int[] s : shapes) {
            rank = Math.max(rank, s.length);
        }
        int[] out = new int[rank];
        Arrays.fill(out, 1);
        for (int[] s : shapes) {
            for (int a = 0; a < s.length; a++) {
                int o = rank - s.length + a;
                if (s[a] != 1) {
                    if (out[o] != 1 && out[o] != s[a]) {
                        throw new IllegalArgumentException("cannot broadcast " + Arrays.deepToString(shapes));
                    }
                    out[o] = s[a];
                }
            }
        }
        return out;
    }

    public NdArray map(DoubleUnaryOperator f) {
        double[] out = new double[data.length];
        for (int i = 0; i < out.length; i++) {
            out[i] = f.applyAsDouble(data[i]);
        }
        return new NdArray(shape, out);
    }

    /** {@code f(a, b)} element by element after broadcasting both. */
    public static NdArray zip(NdArray a, NdArray b, DoubleBinaryOperator f) {
        return build(broadcastShape(a.shape, b.shape), i -> f.applyAsDouble(a.broadcastGet(i), b.broadcastGet(i)));
    }

    /** This array broadcast to a larger shape. */
    public NdArray broadcastTo(int[] target) {
        return build(target, this::broadcastGet);
    }

    /**
     * Reduces over {@code axes} (sorted, non-negative): {@code f} receives the values of each
     * reduced group in row-major order; the reduced axes are kept as size 1 or dropped.
     */
    public NdArray reduce(int[] axes, boolean keepDim, ToDoubleFunction<double[]> f) {
        boolean[] reduced = new boolean[shape.length];
        for (int a : axes) {
            reduced[a] = true;
        }
        int[] kept = shape.clone();
        int groupSize = 1;
        for (int a = 0; a < shape.length; a++) {
            if (reduced[a]) {
                kept[a] = 1;
                groupSize *= shape[a];
            }
        }
        NdArray out = zeros(kept);
        double[][] groups = new double[out.numel()][groupSize];
        int[] filled = new int[out.numel()];
        for (int i = 0; i < data.length; i++) {
            int[] index = unflat(i);
            for (int a = 0; a < index.length; a++) {
                if (reduced[a]) {
                    index[a] = 0;
                }
            }
            int g = out.flat(index);
            groups[g][filled[g]++] = data[i];
        }
        for (int g = 0; g < groups.length; g++) {
            out.data[g] = f.applyAsDouble(groups[g]);
        }
        return keepDim ? out : out.reshape(dropAxes(shape, reduced));
    }

    private static int[] dropAxes(int[] shape, boolean[] drop) {
        return java.util.stream.IntStream.range(0, shape.length).filter(a -> !drop[a]).map(a -> shape[a]).toArray();
    }

    /**
     * Applies {@code f} to every 1-D lane along {@code axis}; each lane's result (any length, the
     * same for all lanes) replaces it.
     */
    public NdArray alongAxis(int axis, UnaryOperator<double[]> f) {
        int len = shape[axis];
        int outer = 1;
        int inner = 1;
        for (int a = 0; a < axis; a++) {
            outer *= shape[a];
        }
        for (int a = axis + 1; a < shape.length; a++) {
            inner *= shape[a];
        }
        int outLen = f.apply(new double[len]).length;
        double[] out = new double[outer * outLen * inner];
        for (int o = 0; o < outer; o++) {
            for (int i = 0; i < inner; i++) {
                double[] lane = new double[len];
                for (int k = 0; k < len; k++) {
                    lane[k] = data[(o * len + k) * inner + i];
                }
                double[] r = f.apply(lane);
                for (int k = 0; k < outLen; k++) {
                    out[(o * outLen + k) * inner + i] = r[k];
                }
            }
        }
        int[] outShape = shape.clone();
        outShape[axis] = outLen;
        return new NdArray(outShape, out);
    }

    /** Same values, new shape (sizes must multiply to the same count). */
    public NdArray reshape(int... newShape) {
        return new NdArray(newShape, data.clone());
    }

    /** {@code out[i_0, …] = this[i_order[0], …]}: axis {@code k} of the result is axis {@code order[k]} here. */
    public NdArray permute(int... order) {
        int[] outShape = new int[order.length];
        for (int k = 0; k < order.length; k++) {
            outShape[k] = shape[order[k]];
        }
        return build(outShape, i -> {
            int[] src = new int[order.length];
            for (int k = 0; k < order.length; k++) {
                src[order[k]] = i[k];
            }
            return get(src);
        });
    }

    @Override
    public String toString() {
        return Arrays.toString(shape) + (data.length <= 24 ? " " + Arrays.toString(data) : " (" + data.length + " values)");
    }
}
