package tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class IndexingTest {
    private final Random rnd = new Random(7);

    private DType randomType() {
        return DType.values()[rnd.nextInt(3)];
    }

    private static int[] with(int[] a, int axis, int value) {
        int[] out = a.clone();
        out[axis] = value;
        return out;
    }

    private static void assertMessage(Class<? extends RuntimeException> type, String fragment, Runnable op) {
        RuntimeException e = assertThrows(type, op::run);
        assertTrue(e.getMessage().contains(fragment), () -> "message '" + e.getMessage() + "' lacks '" + fragment + "'");
    }

    // ---- gather and index select --------------------------------------------------------

    @Test
    void gatherTakesAlongAnAxisThroughStridedIndices() {
        for (int c = 0; c < 200; c++) {
            int[] dims = Views.randomDims(rnd, 1, 4);
            int a = rnd.nextInt(dims.length);
            if (dims[a] == 0) {
                dims[a] = 3;
            }
            Tensor x = Views.randomLayout(rnd, randomType(), dims, rnd.nextBoolean());
            int[] idxDims = with(dims, a, rnd.nextInt(5));
            Tensor index = Views.randomIndex(rnd, idxDims, dims[a], true);
            Tensor out = x.gather(a - (rnd.nextBoolean() ? dims.length : 0), index);
            assertEquals(x.dtype(), out.dtype());
            assertArrayEquals(idxDims, out.shape().dims());
            for (int i = 0; i < out.numel(); i++) {
                int[] at = Views.unflatten(i, idxDims);
                int pick = (int) Views.at(index, at);
                assertEquals(Views.at(x, with(at, a, pick)), Views.at(out, at));
            }
        }
    }

    @Test
    void indexSelectPicksWholeSlices() {
        for (int c = 0; c < 100; c++) {
            int[] dims = Views.randomDims(rnd, 1, 3);
            int a = rnd.nextInt(dims.length);
            dims[a] = Math.max(dims[a], 1);
            Tensor x = Views.randomLayout(rnd, randomType(), dims, false);
            Tensor index = Views.randomIndex(rnd, new int[] {rnd.nextInt(6)}, dims[a], false);
            Tensor out = x.indexSelect(a, index);
            int[] outDims = with(dims, a, index.dim(0));
            assertArrayEquals(outDims, out.shape().dims());
            for (int i = 0; i < out.numel(); i++) {
                int[] at = Views.unflatten(i, outDims);
                assertEquals(Views.at(x, with(at, a, (int) Views.at(index, at[a]))), Views.at(out, at));
            }
        }
    }

    @Test
    void gatherErrors() {
        Tensor x = Views.random(rnd, DType.F32, 3, 5);
        assertMessage(ShapeException.class, "gather: index must be I32, got F32",
                () -> x.gather(1, Views.empty(DType.F32, 3, 2)));
        assertMessage(ShapeException.class, "index [3] must have the rank of x [3, 5]",
                () -> x.gather(1, Views.empty(DType.I32, 3)));
        assertMessage(ShapeException.class, "index [2, 5] and x [3, 5] differ on axis 0 (only axis 1 may differ)",
                () -> x.gather(1, Views.empty(DType.I32, 2, 5)));
        assertMessage(ShapeException.class, "gather: axis 2 is out of range",
                () -> x.gather(2, Views.empty(DType.I32, 3, 5)));
        Tensor bad = Views.cpu(DType.I32, new double[] {0, 1, 2, 3, 4, 5}, 3, 2);
        assertMessage(IndexOutOfBoundsException.class, "gather: index 5 is out of range for axis 1 of size 5",
                () -> x.gather(1, bad));
        Tensor negative = Views.cpu(DType.I32, new double[] {-1}, 1);
        assertMessage(IndexOutOfBoundsException.class, "gather: index -1 is out of range for axis 0 of size 3",
                () -> x.indexSelect(0, negative));
        assertMessage(ShapeException.class, "indexSelect: index must have rank 1, got shape [3, 2]",
                () -> x.indexSelect(0, bad));
    }

    // ---- scatter-add --------------------------------------------------------------------

    /** Adds like the dtype does: float arithmetic for F32, wrap-around for I32. */
    private static double add(double a, double b, DType dtype) {
        return switch (dtype) {
            case F32 -> (float) a + (float) b;
            case F64 -> a + b;
            case I32 -> (int) a + (int) b;
        };
    }

    @Test
    void scatterAddAccumulatesInRowMajorOrder() {
        for (int c = 0; c < 200; c++) {
            int[] dims = Views.randomDims(rnd, 1, 4);
            int a = rnd.nextInt(dims.length);
            dims[a] = Math.max(dims[a], 1);
            DType dtype = randomType();
            Tensor target = Views.randomLayout(rnd, dtype, dims, false);
            int[] srcDims = with(dims, a, rnd.nextInt(6));
            Tensor src = Views.randomLayout(rnd, dtype, srcDims, true);
            Tensor index = Views.randomIndex(rnd, srcDims, dims[a], true);
            double[] before = Views.values(target);
            double[] expected = before.clone();
            int[] strides = Shape.of(dims).contiguousStrides();
            for (int i = 0; i < src.numel(); i++) {
                int[] at = Views.unflatten(i, srcDims);
                int[] dst = with(at, a, (int) Views.at(index, at));
                int pos = 0;
                for (int k = 0; k < dims.length; k++) {
                    pos += dst[k] * strides[k];
                }
                expected[pos] = add(expected[pos], Views.at(src, at), dtype);
            }
            Tensor out = target.scatterAdd(a, index, src);
            assertArrayEquals(expected, Views.values(out));
            assertArrayEquals(before, Views.values(target), "the target is left unchanged");
        }
    }

    @Test
    void scatterAddErrors() {
        Tensor target = Views.empty(DType.F32, 3, 4);
        Tensor src = Views.empty(DType.F32, 2, 4);
        assertMessage(ShapeException.class, "scatterAdd: index [2, 3] and src [2, 4] must have the same shape",
                () -> target.scatterAdd(0, Views.empty(DType.I32, 2, 3), src));
        assertMessage(ShapeException.class, "src [2, 4] and target [3, 4] differ on axis 0 (only axis 1 may differ)",
                () -> target.scatterAdd(1, Views.empty(DType.I32, 2, 4), src));
        assertMessage(ShapeException.class, "src is F64 on cpu but target is F32 on cpu",
                () -> target.scatterAdd(0, Views.empty(DType.I32, 2, 4), Views.empty(DType.F64, 2, 4)));
        Tensor bad = Views.cpu(DType.I32, new double[] {0, 0, 0, 0, 0, 0, 3, 0}, 2, 4);
        assertMessage(IndexOutOfBoundsException.class, "scatterAdd: index 3 is out of range for axis 0 of size 3",
                () -> target.scatterAdd(0, bad, src));
    }

    // ---- one-hot and embedding ----------------------------------------------------------

    @Test
    void oneHotMarksEachId() {
        Tensor ids = Views.cpu(DType.I32, new double[] {2, 0, 3, 3, 1, 0}, 2, 3);
        Tensor hot = ids.oneHot(4, DType.F32);
        assertArrayEquals(new int[] {2, 3, 4}, hot.shape().dims());
        double[] values = Views.values(hot);
        for (int i = 0; i < 6; i++) {
            for (int k = 0; k < 4; k++) {
                assertEquals(Views.at(ids, i / 3, i % 3) == k ? 1 : 0, values[i * 4 + k]);
            }
        }
        Tensor scalar = Views.cpu(DType.I32, new double[] {1}).oneHot(3, DType.I32);
        assertArrayEquals(new double[] {0, 1, 0}, Views.values(scalar));
        assertMessage(IndexOutOfBoundsException.class, "oneHot: id 4 is out of range for 4 classes (ids [1])",
                () -> Views.cpu(DType.I32, new double[] {4}, 1).oneHot(4, DType.F32));
        assertMessage(ShapeException.class, "oneHot: classes must be non-negative, got -1",
                () -> Views.cpu(DType.I32, new double[] {0}, 1).oneHot(-1, DType.F32));
        assertMessage(ShapeException.class, "oneHot: ids must be I32, got F32",
                () -> Views.empty(DType.F32, 2).oneHot(4, DType.F32));
    }

    @Test
    void embeddingPicksRowsForIdsOfAnyShape() {
        Tensor weight = Views.random(rnd, DType.F32, 5, 3);
        Tensor ids = Views.randomIndex(rnd, new int[] {2, 1, 4}, 5, true);
        Tensor e = Tensor.embedding(weight, ids);
        assertArrayEquals(new int[] {2, 1, 4, 3}, e.shape().dims());
        for (int i = 0; i < e.numel(); i++) {
            int[] at = Views.unflatten(i, e.shape().dims());
            assertEquals(Views.at(weight, (int) Views.at(ids, at[0], at[1], at[2]), at[3]), Views.at(e, at));
        }
        assertMessage(IndexOutOfBoundsException.class, "embedding: id 5 is out of range for the 5 rows of weight [5, 3]",
                () -> Tensor.embedding(weight, Views.cpu(DType.I32, new double[] {1, 5}, 2)));
        assertMessage(ShapeException.class, "embedding: weight must be [V, D], got [5]",
                () -> Tensor.embedding(Views.empty(DType.F32, 5), ids));
    }

    // ---- top-k --------------------------------------------------------------------------

    /** Indices of a row ranked by a full sort: NaN largest, ties by lower index. */
    private static int[] ranked(double[] row, boolean largest) {
        Comparator<Integer> byValue = (i, j) -> {
            double a = row[i];
            double b = row[j];
            if (Double.isNaN(a) || Double.isNaN(b)) {
                return Boolean.compare(Double.isNaN(a), Double.isNaN(b));
            }
            return Double.compare(a == 0 ? 0.0 : a, b == 0 ? 0.0 : b);
        };
        Comparator<Integer> order = largest ? byValue.reversed() : byValue;
        return IntStream.range(0, row.length).boxed()
                .sorted(order.thenComparing(Comparator.naturalOrder()))
                .mapToInt(Integer::intValue).toArray();
    }

    @Test
    void topkMatchesAFullSortWithTiesAndNaN() {
        for (int c = 0; c < 200; c++) {
            int[] dims = Views.randomDims(rnd, 1, 3);
            int a = rnd.nextInt(dims.length);
            DType dtype = randomType();
            Tensor x = Views.randomLayout(rnd, dtype, dims, false);
            for (int p = 0; p < x.storage().numel(); p++) { // few distinct values so ties are common
                double v = rnd.nextInt(5) - 2;
                tensor.cpu.HostArrays.set(x, p, dtype.isFloating() && rnd.nextInt(8) == 0 ? Double.NaN : v);
            }
            int k = rnd.nextInt(dims[a] + 1);
            boolean largest = rnd.nextBoolean();
            TopK top = x.topk(k, a - (rnd.nextBoolean() ? dims.length : 0), largest);
            int[] outDims = with(dims, a, k);
            assertArrayEquals(outDims, top.values().shape().dims());
            assertEquals(DType.I32, top.indices().dtype());
            for (int i = 0; i < top.values().numel(); i++) {
                int[] at = Views.unflatten(i, outDims);
                double[] row = new double[dims[a]];
                for (int j = 0; j < row.length; j++) {
                    row[j] = Views.at(x, with(at, a, j));
                }
                int expectedIndex = ranked(row, largest)[at[a]];
                assertEquals(expectedIndex, (int) Views.at(top.indices(), at), () -> Arrays.toString(row));
                assertEquals(row[expectedIndex], Views.at(top.values(), at));
            }
        }
    }

    @Test
    void indexingOpsReleaseEveryTemporary() {
        long before = tensor.cpu.CpuBackend.instance().liveBytes();
        Tensor weight = Views.random(rnd, DType.F32, 5, 3);
        Tensor strided = weight.expand(2, 5, 3);
        Tensor ids = Views.cpu(DType.I32, new double[] {4, 0, 2, 2}, 2, 2);
        Tensor index = Views.cpu(DType.I32, new double[] {1, 2, 3, 4, 0, 1}, 2, 1, 3);
        Tensor src = Views.random(rnd, DType.F32, 2, 1, 3);
        Tensor.embedding(weight, ids).close();
        Tensor idsT = ids.transpose(0, 1);
        Tensor flat = ids.reshape(-1);
        Tensor.embedding(weight, idsT).close();
        ids.oneHot(5, DType.F64).close();
        strided.gather(1, index).close();
        strided.indexSelect(1, flat).close();
        TopK top = strided.topk(2, 1, true);
        top.values().close();
        top.indices().close();
        strided.scatterAdd(1, index, src).close();
        for (Tensor t : new Tensor[] {weight, strided, ids, idsT, flat, index, src}) {
            t.close();
        }
        assertEquals(before, tensor.cpu.CpuBackend.instance().liveBytes());
    }

    @Test
    void topkErrors() {
        Tensor x = Views.empty(DType.F32, 2, 3);
        assertMessage(ShapeException.class, "topk: k = 4 is out of range for axis 1 of size 3 in shape [2, 3]",
                () -> x.topk(4, 1, true));
        assertMessage(ShapeException.class, "topk: k = -1 is out of range", () -> x.topk(-1, 0, true));
        assertMessage(ShapeException.class, "topk: axis -3 is out of range", () -> x.topk(1, -3, true));
    }
}
