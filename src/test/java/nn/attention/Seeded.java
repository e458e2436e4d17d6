package nn.attention;

import java.util.Random;
import tensor.Tensor;

/** Seeded random F64 tensors for the attention tests. */
final class Seeded {
    private Seeded() {}

    static double[] values(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return v;
    }

    /** Uniform in {@code [-1, 1]}, F64. */
    static Tensor tensor(Random r, int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        return Tensor.of(values(r, n), dims);
    }
}
