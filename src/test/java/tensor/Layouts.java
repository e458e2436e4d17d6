package tensor;

import java.util.Random;

/**
 * Test support: tensors with unusual memory layouts (permuted axes, steps, flips, offsets) over
 * known host data, and the logical elements of such a layout computed by explicit index arithmetic,
 * independently of the library.
 */
final class Layouts {
    private Layouts() {}

    /** A strided F64 tensor; {@code values()} of the result's logical elements is {@link #logical}. */
    record Strided(Tensor tensor, double[] storage) {
        double[] values() {
            return logical(storage, tensor.shape(), tensor.strides(), tensor.offset());
        }
    }

    /** The row-major logical elements of a view over {@code storage}. */
    static double[] logical(double[] storage, Shape shape, int[] strides, int offset) {
        int n = shape.numel();
        double[] out = new double[n];
        int rank = shape.rank();
        for (int flat = 0; flat < n; flat++) {
            int rest = flat;
            int at = offset;
            for (int axis = rank - 1; axis >= 0; axis--) {
                int d = shape.dim(axis);
                at += (rest % d) * strides[axis];
                rest /= d;
            }
            out[flat] = storage[at];
        }
        return out;
    }

    /** Random values in [-3, 3] with some exact integers and zeros. */
    static double[] randomValues(Random rnd, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            int kind = rnd.nextInt(10);
            v[i] = kind == 0 ? 0 : kind == 1 ? rnd.nextInt(7) - 3 : rnd.nextDouble() * 6 - 3;
        }
        return v;
    }

    /**
     * An F64 view of the given shape over a larger storage, laid out with a random permutation of
     * axes, random steps (1 or 2) and random flips (negative strides), at a non-zero offset.
     */
    static Strided randomLayout(Random rnd, Shape shape, double[] logicalValues) {
        int rank = shape.rank();
        int[] perm = new int[rank];
        for (int i = 0; i < rank; i++) {
            perm[i] = i;
        }
        for (int i = rank - 1; i > 0; i--) {
            int j = rnd.nextInt(i + 1);
            int t = perm[i];
            perm[i] = perm[j];
            perm[j] = t;
        }
        int[] step = new int[rank];
        boolean[] flip = new boolean[rank];
        int[] parentDims = new int[rank];
        for (int i = 0; i < rank; i++) {
            step[i] = 1 + rnd.nextInt(2);
            flip[i] = rnd.nextBoolean();
        }
        for (int j = 0; j < rank; j++) {
            parentDims[j] = Math.max(1, shape.dim(perm[j]) * step[perm[j]]);
        }
        int[] parentStrides = Shape.of(parentDims).contiguousStrides();
        int lead = 1 + rnd.nextInt(5);
        int[] strides = new int[rank];
        int offset = lead;
        for (int j = 0; j < rank; j++) {
            int axis = perm[j];
            int s = parentStrides[j] * step[axis];
            if (flip[axis] && shape.dim(axis) > 0) {
                offset += (shape.dim(axis) - 1) * s;
                s = -s;
            }
            strides[axis] = s;
        }
        double[] storage = new double[lead + Shape.of(parentDims).numel() + 3];
        java.util.Arrays.fill(storage, Double.NaN); // gaps must never be read
        int n = shape.numel();
        for (int flat = 0; flat < n; flat++) {
            int rest = flat;
            int at = offset;
            for (int axis = rank - 1; axis >= 0; axis--) {
                int d = shape.dim(axis);
                at += (rest % d) * strides[axis];
                rest /= d;
            }
            storage[at] = logicalValues[flat];
        }
        Tensor base = Tensor.of(storage, storage.length);
        Tensor view = base.view(shape, strides, offset);
        base.close();
        return new Strided(view, storage);
    }

    /** A random shape of rank 0–4 with sizes 0–5 (rarely 0). */
    static Shape randomShape(Random rnd, int maxRank) {
        int rank = rnd.nextInt(maxRank + 1);
        int[] d = new int[rank];
        for (int i = 0; i < rank; i++) {
            d[i] = rnd.nextInt(20) == 0 ? 0 : 1 + rnd.nextInt(5);
        }
        return Shape.of(d);
    }

    /** A shape that broadcasts with {@code s}: some leading axes dropped, some sizes set to 1. */
    static Shape broadcastPartner(Random rnd, Shape s) {
        int drop = rnd.nextInt(s.rank() + 1);
        int[] d = new int[s.rank() - drop];
        for (int i = 0; i < d.length; i++) {
            d[i] = rnd.nextInt(3) == 0 ? 1 : s.dim(i + drop);
        }
        return Shape.of(d);
    }

    static Tensor toF32(Tensor f64) {
        double[] v = f64.toDoubleArray();
        float[] f = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            f[i] = (float) v[i];
        }
        return Creation.of(f64.backend(), f, f64.shape());
    }
}
