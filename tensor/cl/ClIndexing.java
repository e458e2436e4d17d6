package tensor.cl;

import tensor.Tensor;

/**
 * Gather, scatter-add and top-k: the kernels of {@code index.cl}. Out-of-range indices are
 * reported through {@link ClIndexErrors} at the next read. Scatter-add on floats accumulates with
 * an atomic compare-and-swap loop, so the order of colliding additions (and therefore the last bits
 * of a float result) is not deterministic; integer scatter-add is exact.
 */
final class ClIndexing {
    private static final String FILE = "index.cl";

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
        cl.kernel(FILE, "topk", options).launch1d(outer * len * inner, x, x.offset(), values, indices, outer, len,
                inner, k);
    }

    /** The tensor's strides with the one of {@code axis} zeroed: the offset of a position's slice start. */
    private static int[] withoutAxis(Tensor t, int axis) {
        int[] s = t.strides();
        s[axis] = 0;
        return s;
    }
}
