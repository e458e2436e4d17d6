package nn.block;

import java.util.Random;
import tensor.Tensor;

/** Seeded random F64 tensors for the block tests. */
final class Seeded {
    private Seeded() {}

    static double[] values(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = 2 * r.nextDouble() - 1;
        }
        return v;
    }

    static Tensor tensor(Random r, int... dims) {
        return Tensor.of(values(r, java.util.Arrays.stream(dims).reduce(1, (a, b) -> a * b)), dims);
    }
}
