package tensor.cpu;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Tensor;
import tensor.Views;
import tensor.Views;

class CpuCopyTest {

    /** What {@code v} becomes when stored as {@code dtype}. */
    private static double cast(double v, DType dtype) {
        return switch (dtype) {
            case F32 -> (float) v;
            case F64 -> v;
            case I32 -> (int) v;
        };
    }

    /**
     * Copies a random source layout (permuted, gapped, reversed, broadcast) into a random
     * destination view and checks every destination position by hand: covered positions hold the
     * cast source value, the gaps around them are untouched.
     */
    private static void checkRandomCopy(Random rnd, int[] dims, DType from, DType to) {
        Tensor src = Views.randomLayout(rnd, from, dims, true);
        Tensor dst = Views.randomLayout(rnd, to, dims, false);
        int cap = HostArrays.capacity(dst);
        double[] expected = new double[cap];
        for (int p = 0; p < cap; p++) {
            expected[p] = HostArrays.get(dst, p);
        }
        for (int i = 0; i < src.numel(); i++) {
            int[] idx = Views.unflatten(i, dims);
            int pos = dst.offset();
            for (int a = 0; a < dims.length; a++) {
                pos += idx[a] * dst.stride(a);
            }
            expected[pos] = cast(Views.at(src, idx), to);
        }
        CpuBackend.instance().copy(src, dst);
        double[] actual = new double[cap];
        for (int p = 0; p < cap; p++) {
            actual[p] = HostArrays.get(dst, p);
        }
        assertArrayEquals(expected, actual, 0, () -> "copy " + from + "->" + to + " of shape "
                + java.util.Arrays.toString(dims) + " src strides " + java.util.Arrays.toString(src.strides())
                + " dst strides " + java.util.Arrays.toString(dst.strides()));
    }

    @Test
    void randomLayoutsAndDtypes() {
        Random rnd = new Random(11);
        for (int c = 0; c < 600; c++) {
            int rank = rnd.nextInt(5);
            int[] dims = new int[rank];
            for (int a = 0; a < rank; a++) {
                dims[a] = rnd.nextInt(10) == 0 ? 0 : 1 + rnd.nextInt(5);
            }
            DType[] types = DType.values();
            checkRandomCopy(rnd, dims, types[rnd.nextInt(3)], types[rnd.nextInt(3)]);
        }
    }

    @Test
    void largeCopiesTakeTheParallelPaths() {
        Random rnd = new Random(5);
        checkRandomCopy(rnd, new int[] {300, 257}, DType.F32, DType.F32);
        checkRandomCopy(rnd, new int[] {3, 40, 700}, DType.F64, DType.F32);
        checkRandomCopy(rnd, new int[] {70_000}, DType.I32, DType.I32);
    }

    @Test
    void transposedCopiesGoThroughTiles() {
        Random rnd = new Random(9);
        int b = 3;
        int m = 70;
        int n = 45;
        Tensor base = Views.random(rnd, DType.F32, b * m * n);
        // [b, n, m] read from a [b, m, n] buffer, the m axis reversed: strides (m·n, 1, −n)
        Tensor src = Views.view(base, new int[] {b, n, m}, new int[] {m * n, 1, -n}, (m - 1) * n);
        Tensor dst = Views.empty(DType.F64, b, n, m);
        CpuBackend.instance().copy(src, dst);
        for (int i = 0; i < b; i++) {
            for (int j = 0; j < n; j++) {
                for (int k = 0; k < m; k++) {
                    assertEquals(HostArrays.get(base, i * m * n + (m - 1 - k) * n + j), Views.at(dst, i, j, k));
                }
            }
        }
        checkRandomCopy(rnd, new int[] {33, 65}, DType.I32, DType.F32);
    }

    @Test
    void contiguousCopyIsExact() {
        Random rnd = new Random(2);
        Tensor src = Views.random(rnd, DType.F64, 100_003);
        Tensor dst = Views.empty(DType.F64, 100_003);
        CpuBackend.instance().copy(src, dst);
        assertArrayEquals(Views.values(src), Views.values(dst));
    }

    @Test
    void floatToIntTruncatesTowardZero() {
        Tensor src = Views.cpu(DType.F32, new double[] {2.7, -2.7, 0.5, -0.5, Float.NaN, 3e9}, 6);
        Tensor dst = Views.empty(DType.I32, 6);
        CpuBackend.instance().copy(src, dst);
        assertArrayEquals(new double[] {2, -2, 0, 0, 0, Integer.MAX_VALUE}, Views.values(dst));
    }

    @Test
    void rankZeroAndEmpty() {
        Tensor src = Views.cpu(DType.F64, new double[] {4.5}, new int[0]);
        Tensor dst = Views.empty(DType.F32);
        CpuBackend.instance().copy(src, dst);
        assertEquals(4.5, HostArrays.get(dst, 0));
        CpuBackend.instance().copy(Views.empty(DType.F32, 3, 0), Views.empty(DType.F32, 3, 0));
    }
}
