package autograd;

import java.util.Random;
import tensor.Tensor;

/** Seeded random F64 inputs for gradient tests, with ways to stay away from kinks and poles. */
final class Inputs {
    private Inputs() {}

    static Tensor uniform(Random r, double lo, double hi, int... dims) {
        double[] v = new double[numel(dims)];
        for (int i = 0; i < v.length; i++) {
            v[i] = lo + (hi - lo) * r.nextDouble();
        }
        return Tensor.of(v, dims);
    }

    /** Values in {@code [-1, 1]}. */
    static Tensor normalish(Random r, int... dims) {
        return uniform(r, -1, 1, dims);
    }

    /** Magnitudes in {@code [0.3, 1.5]} with random signs: away from the kink at 0. */
    static Tensor awayFromZero(Random r, int... dims) {
        double[] v = new double[numel(dims)];
        for (int i = 0; i < v.length; i++) {
            v[i] = (0.3 + 1.2 * r.nextDouble()) * (r.nextBoolean() ? 1 : -1);
        }
        return Tensor.of(v, dims);
    }

    static Tensor positive(Random r, int... dims) {
        return uniform(r, 0.5, 2, dims);
    }

    static Tensor indices(Random r, int bound, int... dims) {
        int[] v = new int[numel(dims)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(bound);
        }
        return Tensor.of(v, dims);
    }

    /** A shape of the given rank with sizes in {@code [1, maxDim]}. */
    static int[] shape(Random r, int rank, int maxDim) {
        int[] d = new int[rank];
        for (int i = 0; i < rank; i++) {
            d[i] = 1 + r.nextInt(maxDim);
        }
        return d;
    }

    /** A shape that broadcasts against {@code full}: some sizes set to 1, maybe leading axes dropped. */
    static int[] broadcastable(Random r, int[] full) {
        int drop = r.nextInt(full.length);
        int[] d = java.util.Arrays.copyOfRange(full, drop, full.length);
        for (int i = 0; i < d.length; i++) {
            if (r.nextInt(3) == 0) {
                d[i] = 1;
            }
        }
        return d;
    }

    static int numel(int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }
}
