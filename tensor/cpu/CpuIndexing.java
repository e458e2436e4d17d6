package tensor.cpu;

import java.util.Arrays;
import tensor.IndexRangeException;
import tensor.Tensor;

/**
 * Gather and scatter-add along one axis, top-k and the prefix sum, on host arrays.
 *
 * <p>Gather and scatter-add walk the index's shape with a {@link StridedWalk} over three layouts: the
 * (possibly strided) index, the contiguous side with the index's shape, and the indexed tensor seen
 * with stride 0 along the axis, so that the element an index value {@code v} picks sits at the
 * walk's position plus {@code v · stride(axis)}. Every index is checked before anything is written.
 * Top-k and the prefix sum see their input as {@code [outer, n, inner]} and work row by row, where a
 * row is the {@code n} elements along the axis.
 */
final class CpuIndexing {
    /** Elements of work below which a kernel stays on the calling thread. */
    private static final int GRAIN = 1 << 14;

    private CpuIndexing() {}

    // ---- gather and scatter-add ----------------------------------------------------------

    /** {@code out[…, i, …] = x[…, index[…, i, …], …]}. */
    static void gather(Tensor x, int axis, Tensor index, Tensor out) {
        checkRange("gather", index, axis, x.dim(axis));
        AlongAxis along = AlongAxis.of(out, index, x, axis);
        StridedWalk walk = along.walk();
        int len = walk.rowLength();
        int os = walk.rowStride(0);
        int is = walk.rowStride(1);
        int xs = walk.rowStride(2);
        int[] idx = along.idx();
        int axisStride = along.farAxisStride();
        CpuStorage src = (CpuStorage) x.storage();
        CpuStorage dst = (CpuStorage) out.storage();
        // An index constant along a row that picks an adjacent run (an embedding lookup): one arraycopy.
        boolean wholeRuns = is == 0 && xs == 1 && os == 1;
        Object srcArray = CpuCopy.array(src);
        Object dstArray = CpuCopy.array(dst);
        Parallel.forRange(walk.rows(), Math.max(1, GRAIN / Math.max(len, 1)), (from, to) -> {
            int[] picked = new int[wholeRuns ? 0 : len];
            walk.walk(from, to, st -> {
                if (wholeRuns) {
                    System.arraycopy(srcArray, st[2] + idx[st[1]] * axisStride, dstArray, st[0], len);
                    return;
                }
                along.pick(st, picked);
                movePicked(src, picked, dst, st[0], os, len);
            });
        });
    }

    /** {@code dst[start + k·stride] = src[picked[k]]}. */
    private static void movePicked(CpuStorage src, int[] picked, CpuStorage dst, int start, int stride, int n) {
        switch (src.dtype()) {
            case F32 -> { for (int k = 0; k < n; k++) dst.f32[start + k * stride] = src.f32[picked[k]]; }
            case F64 -> { for (int k = 0; k < n; k++) dst.f64[start + k * stride] = src.f64[picked[k]]; }
            case I32 -> { for (int k = 0; k < n; k++) dst.i32[start + k * stride] = src.i32[picked[k]]; }
        }
    }

    /**
     * In place {@code target[…, index[…, i, …], …] += src[…, i, …]}. Each target element receives its
     * contributions in the row-major order of {@code src}, so results are the same on every run; the
     * work is split only over the axes before {@code axis}, whose target slices are disjoint.
     */
    static void scatterAdd(Tensor target, int axis, Tensor index, Tensor src) {
        checkRange("scatterAdd", index, axis, target.dim(axis));
        if (src.numel() == 0) {
            return;
        }
        AlongAxis along = AlongAxis.of(src, index, target, axis);
        StridedWalk walk = along.walk();
        int len = walk.rowLength();
        int ss = walk.rowStride(0);
        CpuStorage from = (CpuStorage) src.storage();
        CpuStorage into = (CpuStorage) target.storage();
        // Split into units whose target elements are disjoint: slabs (the axes before `axis`), or
        // single rows when src has one entry along the axis, as every target element then gets at
        // most one contribution (and the walk may have merged the slab axes into its rows).
        int units = src.dim(axis) == 1 ? walk.rows() : product(src, 0, axis);
        int rowsPerUnit = walk.rows() / units;
        Parallel.forRange(units, Math.max(1, GRAIN / Math.max(rowsPerUnit * len, 1)), (u0, u1) -> {
            int[] picked = new int[len];
            walk.walk(u0 * rowsPerUnit, u1 * rowsPerUnit, st -> {
                along.pick(st, picked);
                addPicked(from, st[0], ss, into, picked, len);
            });
        });
    }

    /** {@code dst[picked[k]] += src[start + k·stride]}, in order of k. */
    private static void addPicked(CpuStorage src, int start, int stride, CpuStorage dst, int[] picked, int n) {
        switch (src.dtype()) {
            case F32 -> { for (int k = 0; k < n; k++) dst.f32[picked[k]] += src.f32[start + k * stride]; }
            case F64 -> { for (int k = 0; k < n; k++) dst.f64[picked[k]] += src.f64[start + k * stride]; }
            case I32 -> { for (int k = 0; k < n; k++) dst.i32[picked[k]] += src.i32[start + k * stride]; }
        }
    }

    /**
     * The addressing shared by gather and scatter-add: a walk over {@code near}'s shape (which
     * {@code index} shares) of three layouts, {@code near}, {@code index}, and {@code far} with its
     * stride along {@code axis} set to 0, so that the element of {@code far} paired with position
     * {@code i} of {@code near} is {@code far[…i… with i_axis replaced by index[i]]}.
     */
    private record AlongAxis(StridedWalk walk, int[] idx, int farAxisStride) {
        static AlongAxis of(Tensor near, Tensor index, Tensor far, int axis) {
            int[] farStrides = far.strides();
            farStrides[axis] = 0;
            StridedWalk walk = new StridedWalk(index.shape().dims(),
                    new int[] {near.offset(), index.offset(), far.offset()}, near.strides(), index.strides(), farStrides);
            return new AlongAxis(walk, CpuBackend.i32(index), far.stride(axis));
        }

        /** For the row starting at walk state {@code st}: the position in {@code far} of each of its elements. */
        void pick(int[] st, int[] picked) {
            int is = walk.rowStride(1);
            int fs = walk.rowStride(2);
            for (int k = 0; k < picked.length; k++) {
                picked[k] = st[2] + k * fs + idx[st[1] + k * is] * farAxisStride;
            }
        }
    }

    /** The number of elements in axes {@code [from, to)} of a tensor. */
    private static int product(Tensor t, int from, int to) {
        int p = 1;
        for (int a = from; a < to; a++) {
            p *= t.dim(a);
        }
        return p;
    }

    /** Throws for the first index (in row-major order) outside {@code [0, size)}. */
    private static void checkRange(String op, Tensor index, int axis, int size) {
        StridedWalk walk = new StridedWalk(index.shape().dims(), new int[] {index.offset()}, index.strides());
        int[] idx = CpuBackend.i32(index);
        int len = walk.rowLength();
        int is = walk.rowStride(0);
        walk.walk(0, walk.rows(), st -> {
            for (int k = 0; k < len; k++) {
                int v = idx[st[0] + k * is];
                if (v < 0 || v >= size) {
                    throw IndexRangeException.onAxis(op, v, axis, size);
                }
            }
        });
    }

    // ---- top-k ---------------------------------------------------------------------------

    /**
     * Per row, the {@code k} best entries by a bounded heap whose root is the worst kept entry
     * ({@code O(n log k)}), then emptied worst-first into sorted order. "Better" means larger (or
     * smaller) with NaN above every number, as in PyTorch, and the lower index among equals.
     */
    static void topk(Tensor x, int axis, int k, boolean largest, Tensor values, Tensor indices) {
        int n = x.dim(axis);
        int inner = product(x, axis + 1, x.rank());
        int rows = x.numel() / Math.max(n, 1);
        if (k == 0 || rows == 0) {
            return;
        }
        CpuStorage src = (CpuStorage) x.storage();
        CpuStorage vals = (CpuStorage) values.storage();
        int[] idxOut = CpuBackend.i32(indices);
        Parallel.forRange(rows, Math.max(1, GRAIN / n), (from, to) -> {
            double[] row = new double[n];
            int[] heap = new int[k];
            double[] best = new double[k];
            for (int r = from; r < to; r++) {
                int outer = r / inner;
                int j = r % inner;
                DoubleRows.load(src, x.offset() + outer * n * inner + j, inner, n, row);
                selectTop(row, n, k, largest, heap);
                int outStart = outer * k * inner + j;
                for (int i = 0; i < k; i++) {
                    best[i] = row[heap[i]];
                    idxOut[indices.offset() + outStart + i * inner] = heap[i];
                }
                DoubleRows.store(best, vals, values.offset() + outStart, inner, k);
            }
        });
    }

    /** Fills {@code heap[0..k)} with the indices of the {@code k} best entries of {@code row}, best first. */
    private static void selectTop(double[] row, int n, int k, boolean largest, int[] heap) {
        int size = 0;
        for (int i = 0; i < n; i++) {
            if (size < k) {
                heap[size] = i;
                siftUp(row, largest, heap, size++);
            } else if (better(row, largest, i, heap[0])) {
                heap[0] = i;
                siftDown(row, largest, heap, 0, size);
            }
        }
        for (int end = size - 1; end > 0; end--) { // the worst kept entry goes to the back
            int worst = heap[0];
            heap[0] = heap[end];
            heap[end] = worst;
            siftDown(row, largest, heap, 0, end);
        }
    }

    private static void siftUp(double[] row, boolean largest, int[] heap, int at) {
        while (at > 0) {
            int parent = (at - 1) / 2;
            if (!better(row, largest, heap[parent], heap[at])) {
                return;
            }
            swap(heap, parent, at);
            at = parent;
        }
    }

    private static void siftDown(double[] row, boolean largest, int[] heap, int at, int size) {
        while (true) {
            int worst = at;
            for (int child = 2 * at + 1; child <= 2 * at + 2 && child < size; child++) {
                if (better(row, largest, heap[worst], heap[child])) {
                    worst = child;
                }
            }
            if (worst == at) {
                return;
            }
            swap(heap, at, worst);
            at = worst;
        }
    }

    /** Whether entry {@code i} ranks before entry {@code j}. */
    private static boolean better(double[] row, boolean largest, int i, int j) {
        int c = compareNanLargest(row[i], row[j]);
        return c == 0 ? i < j : (largest ? c > 0 : c < 0);
    }

    /** Numeric order with NaN above every number and all NaNs equal; −0 equals +0. */
    private static int compareNanLargest(double a, double b) {
        boolean an = Double.isNaN(a);
        boolean bn = Double.isNaN(b);
        if (an || bn) {
            return an == bn ? 0 : an ? 1 : -1;
        }
        return a < b ? -1 : a > b ? 1 : 0;
    }

    private static void swap(int[] a, int i, int j) {
        int t = a[i];
        a[i] = a[j];
        a[j] = t;
    }

    // ---- prefix sum ----------------------------------------------------------------------

    /** Elements of a row kept in one running-sum block. */
    private static final int BLOCK = 256;

    /**
     * {@code out[…, i, …] = Σ_{m ≤ i} x[…, m, …]}, accumulated in double and rounded once per output.
     * Work units are {@code (outer, block of up to 256 inner positions)}: each keeps a running sum
     * per position and steps along the axis reading contiguous runs.
     */
    static void cumsum(Tensor x, int axis, Tensor out) {
        int n = x.dim(axis);
        int inner = product(x, axis + 1, x.rank());
        if (x.numel() == 0) {
            return;
        }
        int outer = x.numel() / (n * inner);
        int blocks = (inner + BLOCK - 1) / BLOCK;
        CpuStorage src = (CpuStorage) x.storage();
        CpuStorage dst = (CpuStorage) out.storage();
        Parallel.forRange(outer * blocks, Math.max(1, GRAIN / (n * Math.min(inner, BLOCK))), (from, to) -> {
            double[] sum = new double[BLOCK];
            double[] run = new double[BLOCK];
            for (int u = from; u < to; u++) {
                int o = u / blocks;
                int j0 = (u % blocks) * BLOCK;
                int width = Math.min(BLOCK, inner - j0);
                Arrays.fill(sum, 0, width, 0);
                for (int i = 0; i < n; i++) {
                    int at = (o * n + i) * inner + j0;
                    DoubleRows.load(src, x.offset() + at, 1, width, run);
                    for (int j = 0; j < width; j++) {
                        sum[j] += run[j];
                    }
                    DoubleRows.store(sum, dst, out.offset() + at, 1, width);
                }
            }
        });
    }
}
