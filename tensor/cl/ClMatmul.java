package tensor.cl;

import tensor.Tensor;

/**
 * Batched matrix product on the device ({@code matmul.cl}): one work-item per output element.
 * Correct for every shape; the tiled kernel that makes it fast replaces this.
 */
final class ClMatmul {
    private ClMatmul() {}

    /** {@code out[b] = op(a[b]) · op(b[b])} as {@link tensor.Backend#matmul} specifies. */
    static void matmul(ClBackend cl, Tensor a, Tensor b, Tensor out, boolean transA, boolean transB) {
        int batch = out.dim(0);
        int m = out.dim(1);
        int n = out.dim(2);
        int k = transA ? a.dim(1) : a.dim(2);
        if ((long) batch * m * n == 0) {
            return;
        }
        String options = ClBackend.typeOptions(out.dtype()) + " -DTRANS_A=" + (transA ? 1 : 0) + " -DTRANS_B="
                + (transB ? 1 : 0);
        int aBatchStride = a.dim(0) == 1 ? 0 : m * k;
        int bBatchStride = b.dim(0) == 1 ? 0 : k * n;
        cl.kernel("matmul.cl", "matmul_naive", options).launch1d(batch * m * n, a, a.offset(), aBatchStride, b,
                b.offset(), bBatchStride, out, batch, m, n, k);
    }
}
