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

    static Tensor indices(Random r, int bound, int... dims) {
        int[] v = new int[numel(dims)];
        for (int i = 0; i < v.length; i++) {
            v[i] = r.nextInt(bound);
        }
        return Tensor.of(v, dims);
    }


    static int numel(int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return n;
    }
}
