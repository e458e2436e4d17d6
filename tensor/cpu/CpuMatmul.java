package tensor.cpu;

import tensor.Tensor;

/**
 * The batched matrix product {@code out[b] = op(a[b]) · op(b[b])} of {@link tensor.Backend#matmul}.
 * The output is cut into tiles of {@link #TILE_ROWS} × {@link #TILE_COLS} per batch item; tiles run in
 * parallel and each is one single-threaded, cache-blocked product ({@link PackedGemmF32} for F32,
 * {@link BlockedGemmF64} for F64). Transposed operands are read through swapped strides
 * ({@link MatrixLayout}); an operand with batch size 1 is shared by every batch item.
 */
final class CpuMatmul {
    /** Output rows per parallel task. */
    static final int TILE_ROWS = 128;
    /** Output columns per parallel task (also bounds the packed copy of B). */
    static final int TILE_COLS = 256;
    /** Multiply-adds a parallel chunk should at least hold, so small products stay on one thread. */
    private static final long MIN_WORK_PER_TASK = 1 << 18;

    private CpuMatmul() {}

    static void matmul(Tensor a, Tensor b, Tensor out, boolean transA, boolean transB) {
        int batch = out.dim(0);
        int m = out.dim(1);
        int n = out.dim(2);
        int k = transA ? a.dim(1) : a.dim(2);
        ArrayKernels kernels = ArrayKernels.of(out.dtype());
        Object aArr = kernels.array(a);
        Object bArr = kernels.array(b);
        Object cArr = kernels.array(out);
        MatrixLayout la = transA ? MatrixLayout.rowMajor(a.offset(), m).transposed() : MatrixLayout.rowMajor(a.offset(), k);
        MatrixLayout lb = transB ? MatrixLayout.rowMajor(b.offset(), k).transposed() : MatrixLayout.rowMajor(b.offset(), n);
        int aBatchStride = a.dim(0) == 1 ? 0 : m * k;
        int bBatchStride = b.dim(0) == 1 ? 0 : k * n;
        int rowTiles = (m + TILE_ROWS - 1) / TILE_ROWS;
        int colTiles = (n + TILE_COLS - 1) / TILE_COLS;
        long workPerTile = (long) Math.min(m, TILE_ROWS) * Math.min(n, TILE_COLS) * Math.max(k, 1);
        int grain = (int) Math.max(1, MIN_WORK_PER_TASK / workPerTile);
        Parallel.forRange(batch * rowTiles * colTiles, grain, (from, to) -> {
            for (int tile = from; tile < to; tile++) {
                int item = tile / (rowTiles * colTiles);
                int i0 = (tile / colTiles) % rowTiles * TILE_ROWS;
                int j0 = tile % colTiles * TILE_COLS;
                int rows = Math.min(TILE_ROWS, m - i0);
                int cols = Math.min(TILE_COLS, n - j0);
                int cOff = out.offset() + item * m * n + i0 * n + j0;
                for (int i = 0; i < rows; i++) {
                    kernels.fill(cArr, cOff + i * n, cOff + i * n + cols, 0);
                }
                kernels.multiplyAdd(rows, cols, k,
                        aArr, la.shifted(i0, 0).movedBy(item * aBatchStride),
                        bArr, lb.shifted(0, j0).movedBy(item * bBatchStride),
                        cArr, cOff, n);
            }
        });
    }
}
