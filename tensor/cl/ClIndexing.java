package tensor.cl;

import tensor.DType;
import tensor.Shape;
import tensor.Tensor;

/**
 * Gather, scatter-add and top-k: the kernels of {@code index.cl}. Out-of-range indices are
 * reported through {@link ClIndexErrors} at the next read. Scatter-add on floats accumulates with
 * an atomic compare-and-swap loop, so the order of colliding additions (and therefore the last bits
 * of a float result) is not deterministic; integer scatter-add is exact.
 */
final class ClIndexing {
    private static final String FILE = "index.cl";
    /** Lines enough to keep a device busy with one work-item each (see {@link #topk}). */
    private static final int TOPK_PARALLEL_LINES = 1024;
    /** Elements per top-k segment when lines are few (at least k). */
    private static final int TOPK_SEGMENT = 256;

    private ClIndexing() {}

    static void gather(ClBackend cl, Tensor x, int axis, Tensor index, Tensor out) {
        Strided s = Strided.of("gather", out.shape().dims(), new int[][] {index.strides(), withoutAxis(x, axis)},
                new int[] {index.offset(), x.offset()});
        if (s.numel() == 0) {
            return;
        }
        cl.kernel(FILE, "gather", ClBackend.typeOptions(x.dtype())).launchStrided(s, x, index, out, s.words(),
                x.stride(axis), x.dim(axis), axis, cl.indexErrors().buffer());
    }

    static void scatterAdd(ClBackend cl, Tensor target, int axis, Tensor index, Tensor src) {
        Strided s = Strided.of("scatterAdd", src.shape().dims(),
                new int[][] {index.strides(), src.strides(), withoutAxis(target, axis)},
                new int[] {index.offset(), src.offset(), target.offset()});
        if (s.numel() == 0) {
            return;
        }
        int atomicKind = switch (target.dtype()) {
            case F32 -> 1;
            case F64 -> 2;
            case I32 -> 3;
        };
        cl.kernel(FILE, "scatter_add", ClBackend.typeOptions(target.dtype()) + " -DATOMIC_KIND=" + atomicKind)
                .launchStrided(s, target, index, src, s.words(), target.stride(axis), target.dim(axis), axis,
                        cl.indexErrors().buffer());
    }

    /**
     * Top-k in {@code index.cl}'s two passes. With at least {@link #TOPK_PARALLEL_LINES} lines there
     * is parallelism enough in the lines: one segment per line, written straight to the output.
     * Fewer, longer lines are cut into segments of {@code max(k, }{@link #TOPK_SEGMENT}{@code )}
     * elements whose candidates a second pass merges.
     */
    static void topk(ClBackend cl, Tensor x, int axis, int k, boolean largest, Tensor values, Tensor indices) {
        int outer = 1;
        for (int d = 0; d < axis; d++) {
            outer *= x.dim(d);
        }
        int len = x.dim(axis);
        int inner = x.numel() / Math.max(1, outer * len);
        if (k == 0 || x.numel() == 0) {
            return;
        }
        String options = ClBackend.typeOptions(x.dtype()) + " -DLARGEST=" + (largest ? 1 : 0);
        int lines = outer * inner;
        int segLen = lines >= TOPK_PARALLEL_LINES ? len : Math.max(k, TOPK_SEGMENT);
        int segments = (len + segLen - 1) / segLen;
        ClKernel bySegment = cl.kernel(FILE, "topk_segments", options);
        if (segments == 1) {
            bySegment.launch1d(lines, x, x.offset(), outer, len, inner, k, segLen, 1, 1, values, indices);
            return;
        }
        int m = Math.min(k, segLen);
        Shape candidates = Shape.of(lines * segments * m);
        try (Tensor candVals = Tensor.empty(cl, x.dtype(), candidates);
             Tensor candIdx = Tensor.empty(cl, DType.I32, candidates)) {
            bySegment.launch1d(lines * segments, x, x.offset(), outer, len, inner, k, segLen, segments, 0,
                    candVals, candIdx);
            cl.kernel(FILE, "topk_merge", options).launch1d(lines, candVals, candIdx, outer, inner, k, m, segments,
                    values, indices);
        }
    }

    /** The tensor's strides with the one of {@code axis} zeroed: the offset of a position's slice start. */
    private static int[] withoutAxis(Tensor t, int axis) {
        int[] s = t.strides();
        s[axis] = 0;
        return s;
    }
}
