package tensor.cl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.Comparator;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Shape;
import tensor.Tensor;
import tensor.Views;

/** Gather, scatter-add and top-k against Java loops, and the deferred out-of-range report. */
class ClIndexingTest {
    private final ClBackend cl = OpenCl.backend();

    @Test
    void gatherAlongMiddleAxisWithStridedIndex() {
        Random r = new Random(1);
        int[] xDims = {3, 7, 5};
        float[] x = HostData.randomFloats(r, 105);
        Tensor xt = HostData.upload(cl, x, xDims);
        int[] outDims = {3, 4, 5};
        // index [1, 4, 1] broadcast over axes 0 and 2 (strides 0), reversed along axis 1
        Tensor idx = HostData.upload(cl, new int[] {6, 0, 3, 2}, 4);
        Tensor index = Views.view(idx, outDims, new int[] {0, -1, 0}, 3);
        Tensor out = Tensor.empty(cl, DType.F32, Shape.of(outDims));
        cl.gather(xt, 1, index, out);
        int[] picks = {2, 3, 0, 6};
        float[] got = HostData.values(out);
        for (int i = 0; i < 3; i++) {
            for (int j = 0; j < 4; j++) {
                for (int k = 0; k < 5; k++) {
                    assertEquals(x[i * 35 + picks[j] * 5 + k], got[i * 20 + j * 5 + k]);
                }
            }
        }
    }

    @Test
    void scatterAddAccumulatesCollisions() {
        Tensor target = HostData.upload(cl, new float[] {1, 1, 1, 1, 1, 1}, 3, 2);
        Tensor index = HostData.upload(cl, new int[] {0, 2, 0, 2, 0, 1, 1, 1}, 4, 2);
        Tensor src = HostData.upload(cl, new float[] {1, 2, 3, 4, 5, 6, 7, 8}, 4, 2);
        cl.scatterAdd(target, 0, index, src);
        // column 0: rows 0,0,0,1 get 1,3,5,7; column 1: rows 2,2,1,1 get 2,4,6,8
        assertArrayEquals(new float[] {1 + 1 + 3 + 5, 1, 1 + 7, 1 + 6 + 8, 1, 1 + 2 + 4}, HostData.values(target));

        Tensor counts = HostData.upload(cl, new int[3], 3);
        Tensor many = HostData.upload(cl, IntStream.range(0, 3000).map(i -> i % 3).toArray(), 3000);
        Tensor ones = HostData.upload(cl, IntStream.range(0, 3000).map(i -> 1).toArray(), 3000);
        cl.scatterAdd(counts, 0, many, ones);
        assertArrayEquals(new int[] {1000, 1000, 1000}, HostData.ints(counts));
    }

    @Test
    void outOfRangeIndexIsReportedAtTheNextRead() {
        Tensor x = HostData.upload(cl, new float[] {1, 2, 3}, 3);
        Tensor index = HostData.upload(cl, new int[] {0, 5}, 2);
        Tensor out = Tensor.empty(cl, DType.F32, Shape.of(2));
        cl.gather(x, 0, index, out);
        IndexOutOfBoundsException e = assertThrows(IndexOutOfBoundsException.class, () -> HostData.values(out));
        assertTrue(e.getMessage().contains("gather: index 5 is out of range [0, 3)"), e.getMessage());
        // the flag is cleared: later reads work
        assertArrayEquals(new float[] {1, 2, 3}, HostData.values(x));

        Tensor bad = HostData.upload(cl, new int[] {-1}, 1);
        cl.scatterAdd(x, 0, bad, HostData.upload(cl, new float[] {1}, 1));
        e = assertThrows(IndexOutOfBoundsException.class, cl::synchronize);
        assertTrue(e.getMessage().startsWith("scatterAdd: index -1"), e.getMessage());
    }

    @Test
    void topkSortsAndBreaksTiesByLowerIndex() {
        Random r = new Random(2);
        for (int trial = 0; trial < 6; trial++) {
            int[] dims = HostData.randomShape(r, 1 + r.nextInt(3), 30);
            int axis = r.nextInt(dims.length);
            int k = 1 + r.nextInt(dims[axis]);
            float[] data = HostData.randomFloats(r, Shape.of(dims).numel());
            for (int i = 0; i < data.length; i++) {
                data[i] = Math.round(data[i] * 2) / 2f; // many ties
            }
            topkMatchesSorting(data, dims, axis, k, trial % 2 == 0);
        }
    }

    /** Few long lines take the segment-and-merge path; sorted lines are its worst case. */
    @Test
    void topkOfFewLongLinesMergesSegments() {
        Random r = new Random(12);
        int[][] shapes = {{3000}, {2, 1500, 3}, {700, 2}, {5, 2049}};
        for (int trial = 0; trial < shapes.length * 2; trial++) {
            int[] dims = shapes[trial / 2];
            int axis = dims.length == 3 ? 1 : dims.length - 1 - trial % dims.length;
            int k = new int[] {1, 17, 256, 300}[trial % 4];
            k = Math.min(k, dims[axis]);
            float[] data = HostData.randomFloats(r, Shape.of(dims).numel());
            for (int i = 0; i < data.length; i++) {
                data[i] = trial % 3 == 0 ? i : Math.round(data[i] * 8) / 8f; // sorted, or many ties
            }
            data[data.length / 2] = Float.NaN;
            topkMatchesSorting(data, dims, axis, k, trial % 2 == 0);
        }
    }

    private void topkMatchesSorting(float[] data, int[] dims, int axis, int k, boolean largest) {
        int len = dims[axis];
        Tensor x = HostData.upload(cl, data, dims);
        int[] outDims = dims.clone();
        outDims[axis] = k;
        Tensor values = Tensor.empty(cl, DType.F32, Shape.of(outDims));
        Tensor indices = Tensor.empty(cl, DType.I32, Shape.of(outDims));
        cl.topk(x, axis, k, largest, values, indices);
        float[] gotValues = HostData.values(values);
        int[] gotIndices = HostData.ints(indices);
        int inner = Shape.of(Arrays.copyOfRange(dims, axis + 1, dims.length)).numel();
        int outer = data.length / (len * inner);
        for (int o = 0; o < outer; o++) {
            for (int c = 0; c < inner; c++) {
                int base = o * len * inner + c;
                // Float.compare puts NaN above every number, as top-k does
                Comparator<Integer> order = (i, j) -> Float.compare(data[base + i * inner], data[base + j * inner]);
                Integer[] sorted = IntStream.range(0, len).boxed()
                        .sorted((largest ? order.reversed() : order).thenComparing(j -> j)).toArray(Integer[]::new);
                for (int q = 0; q < k; q++) {
                    int at = o * k * inner + q * inner + c;
                    assertEquals(sorted[q], gotIndices[at], "topk k=" + k + " rank " + q + " of " + Arrays.toString(dims)
                            + " along " + axis);
                    assertEquals(data[base + sorted[q] * inner], gotValues[at]);
                }
            }
        }
    }
}
