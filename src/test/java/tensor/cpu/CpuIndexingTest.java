package tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.IndexRangeException;
import tensor.Shape;
import tensor.Tensor;
import tensor.Views;
import tensor.Views;

/** The CPU kernels called directly: prefix sums, and the large (parallel) paths of gather, scatter-add and top-k. */
class CpuIndexingTest {
    private final Random rnd = new Random(3);
    private final CpuBackend cpu = CpuBackend.instance();

    private static double round(double v, DType dtype) {
        return switch (dtype) {
            case F32 -> (float) v;
            case F64 -> v;
            case I32 -> (int) v;
        };
    }

    private void checkCumsum(int[] dims, int axis, DType dtype) {
        int offset = rnd.nextInt(3);
        Tensor base = Views.random(rnd, dtype, Shape.of(dims).numel() + offset);
        Tensor x = Views.view(base, dims, Shape.of(dims).contiguousStrides(), offset);
        Tensor out = Views.empty(dtype, dims);
        cpu.cumsum(x, axis, out);
        double[] in = Views.values(x);
        double[] expected = new double[in.length];
        int[] strides = Shape.of(dims).contiguousStrides();
        double[] running = new double[in.length]; // the double-precision sum ending at each position
        for (int i = 0; i < in.length; i++) {
            int[] at = Views.unflatten(i, dims);
            running[i] = in[i] + (at[axis] > 0 ? running[i - strides[axis]] : 0);
            expected[i] = round(running[i], dtype);
        }
        assertArrayEquals(expected, Views.values(out), () -> dtype + " cumsum on axis " + axis);
    }

    @Test
    void cumsumAlongEveryAxisAccumulatesInDouble() {
        for (int c = 0; c < 150; c++) {
            int[] dims = new int[1 + rnd.nextInt(4)];
            for (int a = 0; a < dims.length; a++) {
                dims[a] = rnd.nextInt(8) == 0 ? rnd.nextInt(2) : 2 + rnd.nextInt(5);
            }
            checkCumsum(dims, rnd.nextInt(dims.length), DType.values()[rnd.nextInt(3)]);
        }
    }

    @Test
    void largeCumsumsTakeTheParallelPaths() {
        checkCumsum(new int[] {3000, 40}, 1, DType.F32);
        checkCumsum(new int[] {50, 700}, 0, DType.F32);
        checkCumsum(new int[] {2, 300, 600}, 1, DType.F64);
    }

    @Test
    void cumsumOfF32KeepsPrecisionOverLongRows() {
        int n = 1 << 20;
        Tensor x = Views.empty(DType.F32, n);
        for (int i = 0; i < n; i++) {
            HostArrays.set(x, i, 0.1);
        }
        Tensor out = Views.empty(DType.F32, n);
        cpu.cumsum(x, 0, out);
        assertEquals((float) (n * (double) 0.1f), HostArrays.get(out, n - 1));
    }

    @Test
    void largeScatterAddIsDeterministicAndMatchesSequentialOrder() {
        // The embedding gradient: rows of src added into target rows picked by an expanded index.
        int vocab = 50;
        int n = 4000;
        int d = 16;
        Tensor src = Views.random(rnd, DType.F32, n, d);
        Tensor ids = Views.randomIndex(rnd, new int[] {n}, vocab, false);
        Tensor index = Views.view(ids, new int[] {n, d}, new int[] {ids.stride(0), 0}, ids.offset());
        float[] expected = new float[vocab * d];
        for (int i = 0; i < n; i++) {
            int row = (int) Views.at(ids, i);
            for (int j = 0; j < d; j++) {
                expected[row * d + j] += (float) Views.at(src, i, j);
            }
        }
        for (int run = 0; run < 2; run++) {
            Tensor target = Views.cpu(DType.F32, new double[vocab * d], vocab, d);
            cpu.scatterAdd(target, 0, index, src);
            for (int p = 0; p < expected.length; p++) {
                assertEquals(expected[p], HostArrays.get(target, p), "position " + p);
            }
        }
        // Along the last axis: many independent rows, split across threads.
        Tensor src2 = Views.random(rnd, DType.F64, 3000, 12);
        Tensor index2 = Views.randomIndex(rnd, new int[] {3000, 12}, 5, false);
        Tensor target2 = Views.cpu(DType.F64, new double[3000 * 5], 3000, 5);
        cpu.scatterAdd(target2, 1, index2, src2);
        for (int i = 0; i < 3000; i += 97) {
            double[] row = new double[5];
            for (int j = 0; j < 12; j++) {
                row[(int) Views.at(index2, i, j)] += Views.at(src2, i, j);
            }
            for (int k = 0; k < 5; k++) {
                assertEquals(row[k], Views.at(target2, i, k));
            }
        }
    }

    @Test
    void badIndicesAreReportedBeforeAnythingIsWritten() {
        Tensor target = Views.cpu(DType.F32, new double[] {1, 2, 3}, 3);
        Tensor src = Views.cpu(DType.F32, new double[] {10, 20, 30, 40}, 4);
        Tensor index = Views.cpu(DType.I32, new double[] {0, 1, 2, 7}, 4);
        IndexRangeException e = assertThrows(IndexRangeException.class, () -> cpu.scatterAdd(target, 0, index, src));
        assertEquals("scatterAdd: index 7 is out of range for axis 0 of size 3", e.getMessage());
        assertEquals(7, e.value());
        assertArrayEquals(new double[] {1, 2, 3}, Views.values(target));
    }

    @Test
    void largeGatherAndTopkRows() {
        Tensor x = Views.random(rnd, DType.F32, 2000, 33);
        Tensor index = Views.randomIndex(rnd, new int[] {2000, 7}, 33, true);
        Tensor out = Views.empty(DType.F32, 2000, 7);
        cpu.gather(x, 1, index, out);
        for (int i = 0; i < 2000; i += 13) {
            for (int j = 0; j < 7; j++) {
                assertEquals(Views.at(x, i, (int) Views.at(index, i, j)), Views.at(out, i, j));
            }
        }
        Tensor values = Views.empty(DType.F32, 3, 2000);
        Tensor indices = Views.empty(DType.I32, 3, 2000);
        Tensor t = Views.random(rnd, DType.F32, 33, 2000);
        cpu.topk(t, 0, 3, false, values, indices);
        for (int j = 0; j < 2000; j += 11) {
            double[] col = new double[33];
            for (int i = 0; i < 33; i++) {
                col[i] = Views.at(t, i, j);
            }
            double[] sorted = col.clone();
            java.util.Arrays.sort(sorted);
            for (int r = 0; r < 3; r++) {
                assertEquals(sorted[r], Views.at(values, r, j));
                assertEquals(sorted[r], col[(int) Views.at(indices, r, j)]);
            }
        }
    }
}
