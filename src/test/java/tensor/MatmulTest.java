package tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static tensor.HostTensors.assertClose;
import static tensor.HostTensors.values;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class MatmulTest {

    /** A host matrix batch {@code [batch, rows, cols]} in double, plus the tensor holding it (maybe stored transposed). */
    private record Operand(Tensor tensor, double[][][] logical) {}

    /**
     * Random {@code [batch..., rows, cols]} operand; when {@code stored transposed} the tensor holds
     * {@code [batch..., cols, rows]} and {@code logical} is its transpose.
     */
    private static Operand operand(Random rng, DType dtype, int[] batch, int rows, int cols, boolean transposed) {
        int b = Shape.of(batch).numel();
        int[] shape = java.util.Arrays.copyOf(batch, batch.length + 2);
        shape[batch.length] = transposed ? cols : rows;
        shape[batch.length + 1] = transposed ? rows : cols;
        double[] data = HostTensors.random(rng, dtype, b * rows * cols);
        double[][][] logical = new double[b][rows][cols];
        for (int p = 0; p < b; p++) {
            for (int i = 0; i < rows; i++) {
                for (int j = 0; j < cols; j++) {
                    logical[p][i][j] = transposed ? data[(p * cols + j) * rows + i] : data[(p * rows + i) * cols + j];
                }
            }
        }
        return new Operand(HostTensors.of(data, dtype, shape), logical);
    }

    /** {@code Σ_p a[i, p]·b[p, j]} in double. */
    private static double[] reference(double[][] a, double[][] b, int m, int n, int k) {
        double[] out = new double[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                double s = 0;
                for (int p = 0; p < k; p++) {
                    s += a[i][p] * b[p][j];
                }
                out[i * n + j] = s;
            }
        }
        return out;
    }

    private static double tolerance(DType dtype) {
        return dtype == DType.F32 ? 2e-5 : 1e-12;
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void randomShapesAndTransposesMatchDoubleLoops(DType dtype) {
        Random rng = new Random(42);
        int[] sizes = {1, 7, 33, 65};
        for (int trial = 0; trial < 24; trial++) {
            int m = sizes[rng.nextInt(sizes.length)];
            int n = sizes[rng.nextInt(sizes.length)];
            int k = sizes[rng.nextInt(sizes.length)];
            boolean ta = rng.nextBoolean();
            boolean tb = rng.nextBoolean();
            int[] batch = trial % 3 == 0 ? new int[] {2} : new int[0];
            Operand a = operand(rng, dtype, batch, m, k, ta);
            Operand b = operand(rng, dtype, batch, k, n, tb);
            Tensor out = Tensor.matmul(a.tensor(), b.tensor(), ta, tb);
            int bs = Shape.of(batch).numel();
            double[] expected = new double[bs * m * n];
            for (int p = 0; p < bs; p++) {
                System.arraycopy(reference(a.logical()[p], b.logical()[p], m, n, k), 0, expected, p * m * n, m * n);
            }
            String what = dtype + " " + a.tensor().shape() + (ta ? "ᵀ" : "") + " · " + b.tensor().shape() + (tb ? "ᵀ" : "");
            assertClose(expected, values(out), tolerance(dtype) * Math.sqrt(k), what);
        }
    }

    @ParameterizedTest
    @EnumSource(value = DType.class, names = {"F32", "F64"})
    void sizesLargerThanEveryBlockMatchDoubleLoops(DType dtype) {
        Random rng = new Random(7);
        int m = 131;
        int k = 301;
        int n = 263;
        for (boolean ta : new boolean[] {false, true}) {
            boolean tb = !ta;
            Operand a = operand(rng, dtype, new int[0], m, k, ta);
            Operand b = operand(rng, dtype, new int[0], k, n, tb);
            Tensor out = Tensor.matmul(a.tensor(), b.tensor(), ta, tb);
            assertEquals(Shape.of(m, n), out.shape());
            assertClose(reference(a.logical()[0], b.logical()[0], m, n, k), values(out), tolerance(dtype) * Math.sqrt(k),
                    "large " + dtype + " transA=" + ta);
        }
    }

    @Test
    void batchAxesBroadcastLikeNumPy() {
        Random rng = new Random(3);
        DType dt = DType.F64;
        int m = 3;
        int k = 5;
        int n = 4;
        // a [2, 1, m, k] · b [3, k, n] → [2, 3, m, n]: both operands need the full batch.
        Operand a = operand(rng, dt, new int[] {2, 1}, m, k, false);
        Operand b = operand(rng, dt, new int[] {3}, k, n, false);
        Tensor out = a.tensor().matmul(b.tensor());
        assertEquals(Shape.of(2, 3, m, n), out.shape());
        double[] got = values(out);
        for (int i = 0; i < 2; i++) {
            for (int j = 0; j < 3; j++) {
                double[] expected = reference(a.logical()[i], b.logical()[j], m, n, k);
                double[] slice = java.util.Arrays.copyOfRange(got, (i * 3 + j) * m * n, (i * 3 + j + 1) * m * n);
                assertClose(expected, slice, 1e-12, "batch " + i + ", " + j);
            }
        }
        // a shared [m, k] against a batch of b, and a batch of a against a shared b.
        Operand shared = operand(rng, dt, new int[] {1}, m, k, true);
        Operand batched = operand(rng, dt, new int[] {4}, k, n, false);
        Tensor left = Tensor.matmul(shared.tensor(), batched.tensor(), true, false);
        assertEquals(Shape.of(4, m, n), left.shape());
        Operand batchedA = operand(rng, dt, new int[] {2, 2}, m, k, false);
        Operand sharedB = operand(rng, dt, new int[0], k, n, true);
        Tensor right = Tensor.matmul(batchedA.tensor(), sharedB.tensor(), false, true);
        assertEquals(Shape.of(2, 2, m, n), right.shape());
        for (int p = 0; p < 4; p++) {
            assertClose(reference(shared.logical()[0], batched.logical()[p], m, n, k),
                    java.util.Arrays.copyOfRange(values(left), p * m * n, (p + 1) * m * n), 1e-12, "shared a, item " + p);
            assertClose(reference(batchedA.logical()[p], sharedB.logical()[0], m, n, k),
                    java.util.Arrays.copyOfRange(values(right), p * m * n, (p + 1) * m * n), 1e-12, "shared b, item " + p);
        }
    }

    @Test
    void rankOneOperandsAreVectorsAndTheirAxisIsRemoved() {
        Tensor v = HostTensors.of(new double[] {1, 2, 3}, DType.F64, 3);
        Tensor m = HostTensors.of(new double[] {1, 0, 2, 1, 0, 3}, DType.F64, 3, 2);
        Tensor mt = HostTensors.of(new double[] {1, 2, 0, 0, 1, 3}, DType.F64, 2, 3);
        Tensor batch = HostTensors.of(new double[] {1, 0, 2, 1, 0, 3, 1, 1, 1, 1, 1, 1}, DType.F64, 2, 3, 2);

        Tensor dot = v.matmul(v);
        assertEquals(Shape.scalar(), dot.shape());
        assertArrayEquals(new double[] {14}, values(dot));

        Tensor row = v.matmul(m);
        assertEquals(Shape.of(2), row.shape());
        assertArrayEquals(new double[] {1 + 4 + 0, 0 + 2 + 9}, values(row));

        Tensor col = mt.matmul(v);
        assertEquals(Shape.of(2), col.shape());
        assertArrayEquals(new double[] {1 + 4, 0 + 2 + 9}, values(col));

        Tensor colT = Tensor.matmul(m, v, true, false);
        assertArrayEquals(new double[] {5, 11}, values(colT));

        Tensor batched = v.matmul(batch);
        assertEquals(Shape.of(2, 2), batched.shape());
        assertArrayEquals(new double[] {5, 11, 6, 6}, values(batched));
    }

    @Test
    void emptyInnerSizeGivesZerosAndEmptyOuterSizesGiveEmptyResults() {
        Tensor a = HostTensors.of(new double[0], DType.F32, 3, 0);
        Tensor b = HostTensors.of(new double[0], DType.F32, 0, 4);
        Tensor out = a.matmul(b);
        assertEquals(Shape.of(3, 4), out.shape());
        assertArrayEquals(new double[12], values(out));

        Tensor rows = HostTensors.of(new double[0], DType.F32, 0, 2).matmul(HostTensors.of(new double[6], DType.F32, 2, 3));
        assertEquals(Shape.of(0, 3), rows.shape());
        Tensor noBatch = HostTensors.of(new double[0], DType.F64, 0, 2, 2).matmul(HostTensors.of(new double[4], DType.F64, 2, 2));
        assertEquals(Shape.of(0, 2, 2), noBatch.shape());
    }

    @Test
    void badOperandsNameTheOpTheShapesAndTheSizes() {
        Tensor a = HostTensors.of(new double[6], DType.F32, 2, 3);
        Tensor b = HostTensors.of(new double[20], DType.F32, 4, 5);
        assertEquals("matmul: inner sizes differ: [2, 3] · [4, 5] (3 vs 4)",
                assertThrows(ShapeException.class, () -> a.matmul(b)).getMessage());
        assertEquals("matmul: inner sizes differ: [2, 3]ᵀ · [4, 5] (2 vs 4)",
                assertThrows(ShapeException.class, () -> Tensor.matmul(a, b, true, false)).getMessage());

        Tensor x = HostTensors.of(new double[24], DType.F32, 2, 3, 4);
        Tensor y = HostTensors.of(new double[40], DType.F32, 5, 4, 2);
        assertEquals("matmul: batch axes cannot be broadcast: [2, 3, 4] · [5, 4, 2] (batch axis 0: 2 vs 5)",
                assertThrows(ShapeException.class, () -> x.matmul(y)).getMessage());

        Tensor ints = HostTensors.of(new double[4], DType.I32, 2, 2);
        assertEquals("matmul: needs floating operands (F32 or F64), got I32 for [2, 2] · [2, 2]",
                assertThrows(ShapeException.class, () -> ints.matmul(ints)).getMessage());

        Tensor d = HostTensors.of(new double[4], DType.F64, 2, 2);
        Tensor f = HostTensors.of(new double[4], DType.F32, 2, 2);
        assertEquals("matmul: dtypes differ: [2, 2] · [2, 2] are F64 and F32",
                assertThrows(ShapeException.class, () -> d.matmul(f)).getMessage());

        Tensor v = HostTensors.of(new double[2], DType.F32, 2);
        assertEquals("matmul: transposeA needs a operand of rank ≥ 2, got [2] · [2, 2]",
                assertThrows(ShapeException.class, () -> Tensor.matmul(v, f, true, false)).getMessage());
        assertEquals("matmul: transposeB needs a operand of rank ≥ 2, got [2, 2] · [2]",
                assertThrows(ShapeException.class, () -> Tensor.matmul(f, v, false, true)).getMessage());

        Tensor s = HostTensors.of(new double[1], DType.F32);
        assertEquals("matmul: needs operands of rank ≥ 1, got [] · [2]",
                assertThrows(ShapeException.class, () -> s.matmul(v)).getMessage());
    }

    @Test
    void stridedOperandsAreCopiedFirst() {
        // A stride-0 view: every row of a equals [1, 2].
        Tensor row = HostTensors.of(new double[] {1, 2}, DType.F64, 2);
        Tensor a = row.view(Shape.of(3, 2), new int[] {0, 1}, 0);
        Tensor b = HostTensors.of(new double[] {1, 2, 3, 4}, DType.F64, 2, 2);
        assertArrayEquals(new double[] {7, 10, 7, 10, 7, 10}, values(a.matmul(b)));
    }
}
