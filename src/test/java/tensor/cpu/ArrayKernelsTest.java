package tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;

/** The single-threaded GEMM kernels on sub-matrices with arbitrary strides, accumulating into C. */
class ArrayKernelsTest {

    @Test
    void multiplyAddAccumulatesIntoASubMatrixForAnyOperandStrides() {
        Random rng = new Random(1);
        int[][] sizes = {{1, 1, 1}, {7, 33, 65}, {130, 70, 257}, {3, 129, 9}};
        for (ArrayKernels kernels : ArrayKernels.values()) {
            for (int[] s : sizes) {
                int m = s[0];
                int n = s[1];
                int k = s[2];
                for (int variant = 0; variant < 4; variant++) {
                    boolean ta = (variant & 1) != 0;
                    boolean tb = (variant & 2) != 0;
                    // Operands start at an offset of 3 inside a larger array; C is a window of a wider matrix.
                    double[] av = values(rng, 3 + m * k);
                    double[] bv = values(rng, 3 + k * n);
                    int ldc = n + 5;
                    double[] cv = values(rng, 2 + m * ldc);
                    MatrixLayout la = ta ? MatrixLayout.rowMajor(3, m).transposed() : MatrixLayout.rowMajor(3, k);
                    MatrixLayout lb = tb ? MatrixLayout.rowMajor(3, k).transposed() : MatrixLayout.rowMajor(3, n);
                    Object a = toArray(kernels, av);
                    Object b = toArray(kernels, bv);
                    Object c = toArray(kernels, cv);
                    kernels.multiplyAdd(m, n, k, a, la, b, lb, c, 2, ldc);
                    for (int i = 0; i < m; i++) {
                        for (int j = 0; j < ldc; j++) {
                            double expected = cv[2 + i * ldc + j];
                            if (j < n) {
                                for (int p = 0; p < k; p++) {
                                    expected += av[la.at(i, p)] * bv[lb.at(p, j)];
                                }
                            }
                            double tol = (kernels == ArrayKernels.F32 ? 1e-5 : 1e-12) * (1 + Math.abs(expected)) * Math.sqrt(k);
                            assertEquals(expected, kernels.get(c, 2 + i * ldc + j), tol,
                                    kernels + " " + m + "×" + n + "×" + k + " transA=" + ta + " transB=" + tb + " at " + i + ", " + j);
                        }
                    }
                    assertEquals(cv[0], kernels.get(c, 0));
                }
            }
        }
    }

    /** Values exactly representable in F32, so both kernels see the same inputs. */
    private static double[] values(Random rng, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (rng.nextDouble() * 2 - 1);
        }
        return v;
    }

    private static Object toArray(ArrayKernels kernels, double[] v) {
        Object array = kernels.allocate(v.length);
        for (int i = 0; i < v.length; i++) {
            kernels.fill(array, i, i + 1, v[i]);
        }
        return array;
    }
}
