package tensor;

import java.util.Arrays;

/**
 * An immutable list of dimension sizes. A rank-0 shape ({@code []}) is a scalar with one element.
 * Sizes may be zero (an empty tensor). Element counts are limited to {@code Integer.MAX_VALUE}.
 */
public final class Shape {
    private final int[] dims;

    private Shape(int[] dims) {
        this.dims = dims;
    }

    /** A shape from sizes; every size must be non-negative. */
    public static Shape of(int... dims) {
        return of("shape", dims);
    }

    /** As {@link #of(int...)}, for a factory: an error names the op {@code op} that was asked for the shape. */
    static Shape of(String op, int... dims) {
        long n = 1;
        for (int d : dims) {
            if (d < 0) {
                throw new ShapeException(op, "negative size in " + Arrays.toString(dims));
            }
            n *= d;
            if (n > Integer.MAX_VALUE) {
                throw new ShapeException(op, Arrays.toString(dims) + " has more than 2^31-1 elements");
            }
        }
        return new Shape(dims.clone());
    }

    public static Shape scalar() {
        return new Shape(new int[0]);
    }

    public int rank() {
        return dims.length;
    }

    /** Size along an axis; negative axes count from the end. */
    public int dim(int axis) {
        return dims[axis(axis, "dim")];
    }

    /** A copy of the sizes. */
    public int[] dims() {
        return dims.clone();
    }

    public int numel() {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }

    /** Row-major contiguous strides, in elements. */
    public int[] contiguousStrides() {
        int[] strides = new int[dims.length];
        int s = 1;
        for (int i = dims.length - 1; i >= 0; i--) {
            strides[i] = s;
            s *= Math.max(dims[i], 1);
        }
        return strides;
    }

    /**
     * Normalises an axis (negative counts from the end) and checks it is in range.
     *
     * @param op the op to name in the error
     */
    public int axis(int axis, String op) {
        int r = dims.length;
        if (axis < -r || axis >= r) {
            throw new ShapeException(op, "axis " + axis + " is out of range for shape " + this
                    + " (rank " + r + ")");
        }
        return axis < 0 ? axis + r : axis;
    }

    /** Normalises, checks and sorts a set of axes; repeated axes are an error. */
    public int[] axes(int[] axes, String op) {
        int[] out = new int[axes.length];
        for (int i = 0; i < axes.length; i++) {
            out[i] = axis(axes[i], op);
        }
        Arrays.sort(out);
        for (int i = 1; i < out.length; i++) {
            if (out[i] == out[i - 1]) {
                throw new ShapeException(op, "axis " + out[i] + " is repeated in " + Arrays.toString(axes)
                        + " for shape " + this);
            }
        }
        return out;
    }

    /** This shape with one axis replaced by a new size. */
    public Shape with(int axis, int size) {
        int[] d = dims.clone();
        d[axis] = size;
        return Shape.of(d);
    }

    /**
     * The NumPy broadcast of two shapes: align trailing axes; sizes must be equal or one of them 1.
     */
    public static Shape broadcast(String op, Shape a, Shape b) {
        int r = Math.max(a.rank(), b.rank());
        int[] out = new int[r];
        for (int i = 0; i < r; i++) {
            int da = i < r - a.rank() ? 1 : a.dims[i - (r - a.rank())];
            int db = i < r - b.rank() ? 1 : b.dims[i - (r - b.rank())];
            if (da != db && da != 1 && db != 1) {
                throw new ShapeException(op, "shapes " + a + " and " + b + " cannot be broadcast: axis "
                        + i + " of the result has sizes " + da + " and " + db);
            }
            out[i] = da == 1 ? db : da;
        }
        return new Shape(out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Shape s && Arrays.equals(dims, s.dims);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(dims);
    }

    @Override
    public String toString() {
        return Arrays.toString(dims);
    }
}
