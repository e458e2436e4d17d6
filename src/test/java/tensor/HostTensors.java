package tensor;

import java.util.Random;
import tensor.cpu.CpuBackend;
import tensor.testing.NdArray;
import tensor.testing.TensorArrays;

/**
 * CPU tensors built from and read into {@code double[]} through the public {@link Backend} memory
 * calls only ({@link TensorArrays}), so the linear-algebra tests do not depend on the creation ops.
 */
final class HostTensors {
    private HostTensors() {}

    static Tensor of(double[] values, DType dtype, int... shape) {
        return TensorArrays.toTensor(new NdArray(shape, values), dtype, CpuBackend.instance());
    }

    /** Uniform values in [-1, 1), already rounded to the dtype so references see the same numbers. */
    static double[] random(Random rng, DType dtype, int numel) {
        double[] v = new double[numel];
        for (int i = 0; i < numel; i++) {
            double x = rng.nextDouble() * 2 - 1;
            v[i] = dtype == DType.F32 ? (float) x : x;
        }
        return v;
    }

    /** The elements of a CPU tensor in row-major order. */
    static double[] values(Tensor t) {
        return TensorArrays.toArray(t).data();
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    /** Asserts agreement to {@code tol·(1 + |expected|)} per element, naming the first bad index. */
    static void assertClose(double[] expected, double[] actual, double tol, String what) {
        org.junit.jupiter.api.Assertions.assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            if (!(Math.abs(expected[i] - actual[i]) <= tol * (1 + Math.abs(expected[i])))) {
                org.junit.jupiter.api.Assertions.fail(what + ": element " + i + " is " + actual[i] + ", expected "
                        + expected[i]);
            }
        }
    }
}
