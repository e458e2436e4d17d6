package tensor.cl;

import org.jocl.cl_mem;
import tensor.DType;
import tensor.Shape;
import tensor.Tensor;

/**
 * Batched matrix product on an OpenCL device, GotoBLAS-style (Goto &amp; van de Geijn, "Anatomy of
 * High-Performance Matrix Multiplication", TOMS 2008): both operands are packed into panels
 * ({@code pack_panels} in {@code cl-kernels/matmul.cl}), then {@code gemm_packed} lets each
 * work-item accumulate one {@code mr × nr} block of C in registers while it streams one panel of
 * each operand. The host splits the depth into chunks of {@code kc} (the first chunk writes C, the
 * others add to it) so that the panels a work-group walks stay in cache at any size.
 *
 * <p>Packing absorbs transposes, broadcast batches and unusual depth layouts, which is also how
 * {@link ClConv3d} feeds convolutions through the same multiply kernel.
 */
final class ClMatmul {
    private static final String FILE = "matmul.cl";

    /**
     * Tile sizes for one device and dtype: {@code mr × nr} is the block of C a work-item keeps in
     * registers ({@code nr} is the vector width), {@code kc} the depth chunk per launch,
     * {@code localCols × localRows} the work-group, whose blocks share panels in cache, and
     * {@code packDepth} the consecutive depths one packing work-item copies.
     */
    record Tiling(int mr, int nr, int kc, int localCols, int localRows, int packDepth) {

        /**
         * On CPUs (PoCL) a work-item keeps its block of C in vector registers and local memory
         * would only add barriers; the block is sized to the register file, which OpenCL does not
         * report, so it follows from the native vector width (PoCL: 512 bits with AVX-512, 256
         * with AVX/AVX2, 128 with SSE or NEON), see {@link #cpu}. Depth chunks of 512 keep a
         * work-item's two panels in L1/L2 while the neighbouring work-items that share its A panel
         * reuse it; work-groups of one column by four rows of blocks (four work-items that share
         * one B panel) still spread a 256×256 product over every core and cut PoCL's per-group cost
         * (measured on an AVX-512 2-core machine against one-item groups: n = 512 about 320
         * against 150–250 GFLOP/s, n = 256 and conv3d a few percent better; 4×4 and 4×1 groups
         * were slower at n = 256). A CPU packing work-item copies 32 depths one after the other,
         * so its reads hit the source lines it has just loaded.
         *
         * <p>Elsewhere (GPUs) a 4×4 block per work-item in 8×8 work-groups keeps register pressure
         * low and leaves latency hiding to the many work-items; the depth is not chunked, and one
         * packing item per depth lets neighbouring items write neighbouring addresses.
         */
        static Tiling of(ClDeviceInfo device, DType dtype) {
            Tiling t = device.type() == ClDeviceInfo.Type.CPU
                    ? cpu(device.nativeVectorBits(), dtype)
                    : new Tiling(4, 4, Integer.MAX_VALUE, 8, 8, 1);
            return (long) t.localCols * t.localRows <= device.maxWorkGroupSize() ? t
                    : new Tiling(t.mr, t.nr, t.kc, 1, 1, t.packDepth);
        }

        /**
         * The CPU block for vector registers of {@code vectorBits}, holding {@code lanes} elements:
         * <ul>
         *   <li>512 bits (AVX-512, 32 registers): 16 rows of one vector (16 floats or 8 doubles):
         *       16 accumulators and the B vector fit the register file.</li>
         *   <li>narrower (AVX2, SSE: 16 registers): 6 rows of two vectors (6 × 16 floats with
         *       AVX2), the shape of the classic Haswell micro-kernel: 12 accumulators, two B
         *       vectors and the broadcast A value make 15 registers, and 12 independent
         *       multiply-adds cover the FMA latency. A 16 × 16 block there needs 32 accumulator
         *       registers and spills: on a 2-core AMD EPYC with AVX2, conv3d fwd+bwd (bench
         *       {@code conv3d_k3_c32_t8_s32_b4_fwdbwd}) ran at 52–79 GFLOP/s with 16 × 16, about
         *       100 with 6 × 16 and 93 with 12 × 8; matmul1024 at 62–92 against 126.</li>
         * </ul>
         * The block width is an OpenCL vector type, so at most 16.
         */
        static Tiling cpu(int vectorBits, DType dtype) {
            int lanes = Math.max(1, vectorBits / (8 * dtype.bytes()));
            return vectorBits >= 512
                    ? new Tiling(16, Math.min(16, lanes), 512, 1, 4, 32)
                    : new Tiling(6, Math.min(16, Math.max(2, 2 * lanes)), 512, 1, 4, 32);
        }

        /** The build options that compile {@code matmul.cl} and {@code conv3d.cl} for this tiling. */
        String buildOptions(DType dtype) {
            return ClBackend.typeOptions(dtype) + " -DMR=" + mr + " -DNR=" + nr;
        }
    }

    /**
     * A matrix of {@code rows × depth} per batch in a buffer: element {@code (row, k)} of batch
     * {@code b} is at {@code offset + b·batchStride + row·rowStride + (k / depthInner)·depthOuterStride
     * + (k % depthInner)·depthStride}. A batch stride of 0 means one matrix shared by every batch.
     */
    record Operand(cl_mem buffer, int offset, int batchStride, int rows, int depth, int rowStride,
                   int depthInner, int depthStride, int depthOuterStride) {

        /** A plain matrix whose depth axis is one axis of stride {@code depthStride}. */
        static Operand matrix(cl_mem buffer, int offset, int batchStride, int rows, int depth,
                              int rowStride, int depthStride) {
            return new Operand(buffer, offset, batchStride, rows, depth, rowStride, Math.max(depth, 1), depthStride, 0);
        }
    }

    /** Packed panels in scratch memory (see {@code pack_panels}); {@code batchStride} 0 broadcasts. */
    record Panels(Tensor memory, int batchStride) implements AutoCloseable {
        cl_mem buffer() {
            return ClMatmul.buffer(memory);
        }

        /** Gives the scratch memory back; kernels already queued on it still see it (in-order queue). */
        @Override
        public void close() {
            memory.close();
        }
    }

    /** Where the product goes: C of batch b, row m, column n is at {@code offset + b·batchStride + m·ld + n}. */
    record Output(cl_mem buffer, int offset, int batchStride, int ld) {}

    private final ClBackend cl;
    private final DType dtype;
    private final Tiling tiling;
    private final String options;

    ClMatmul(ClBackend cl, DType dtype) {
        this(cl, dtype, Tiling.of(cl.info(), dtype));
    }

    /** With explicit tile sizes (tests run the GPU tiling on any device this way). */
    ClMatmul(ClBackend cl, DType dtype, Tiling tiling) {
        this.cl = cl;
        this.dtype = dtype;
        this.tiling = tiling;
        this.options = tiling.buildOptions(dtype);
    }

    /** {@code out[b] = op(a[b]) · op(b[b])} as {@link tensor.Backend#matmul} specifies. */
    static void matmul(ClBackend cl, Tensor a, Tensor b, Tensor out, boolean transA, boolean transB) {
        new ClMatmul(cl, out.dtype()).matmul(a, b, out, transA, transB);
    }

    void matmul(Tensor a, Tensor b, Tensor out, boolean transA, boolean transB) {
        int batches = out.dim(0), m = out.dim(1), n = out.dim(2);
        int k = transA ? a.dim(1) : a.dim(2);
        if ((long) batches * m * n == 0) {
            return;
        }
        int aBatches = a.dim(0), bBatches = b.dim(0);
        Operand left = Operand.matrix(buffer(a), a.offset(), aBatches == 1 ? 0 : m * k, m, k,
                transA ? 1 : k, transA ? m : 1);
        Operand right = Operand.matrix(buffer(b), b.offset(), bBatches == 1 ? 0 : k * n, n, k,
                transB ? k : 1, transB ? 1 : n);
        try (Panels pa = pack(left, tiling.mr, aBatches); Panels pb = pack(right, tiling.nr, bBatches)) {
            multiply(pa, pb, new Output(buffer(out), out.offset(), m * n, n), batches, m, n, k, false, null, 0);
        }
    }

    Tiling tiling() {
        return tiling;
    }

    /** Number of panels of {@code r} rows that cover {@code rows}. */
    static int panels(int rows, int r) {
        return (rows + r - 1) / r;
    }

    /** Packs {@code batches} matrices of {@code o} into panels of {@code r} rows (r = mr for A, nr for B). */
    Panels pack(Operand o, int r, int batches) {
        int panels = panels(o.rows, r);
        int perBatch = panels * r * o.depth;
        Tensor dst = scratch((long) batches * perBatch);
        if (perBatch == 0 || batches == 0) {
            return new Panels(dst, 0);
        }
        kernel(FILE, "pack_panels").launch(new long[] {panels(o.depth, tiling.packDepth), panels, batches}, null,
                o.buffer, o.offset, o.batchStride, o.rows, o.depth, o.rowStride, o.depthInner, o.depthStride,
                o.depthOuterStride, r, tiling.packDepth, buffer(dst));
        return new Panels(dst, batches == 1 ? 0 : perBatch);
    }

    /**
     * {@code C[b] = (accumulate ? C[b] : bias) + A[b] · B[b]} from packed panels, in depth chunks of
     * {@code kc}; {@code bias} (indexed by row, from {@code biasOffset}) may be null. A depth of 0
     * still writes C (bias or zeros).
     */
    void multiply(Panels a, Panels b, Output c, int batches, int m, int n, int k, boolean accumulate,
                  cl_mem bias, int biasOffset) {
        long[] local = {tiling.localCols, tiling.localRows, 1};
        long[] global = {roundUp(panels(n, tiling.nr), local[0]), roundUp(panels(m, tiling.mr), local[1]), batches};
        ClKernel gemm = kernel(FILE, "gemm_packed");
        int k0 = 0;
        do {
            int k1 = (int) Math.min(k, (long) k0 + tiling.kc);
            gemm.launch(global, local, a.buffer(), a.batchStride, b.buffer(), b.batchStride,
                    c.buffer, c.offset, c.batchStride, c.ld, m, n, k, k0, k1,
                    accumulate || k0 > 0 ? 1 : 0, bias == null ? c.buffer : bias, biasOffset, bias == null ? 0 : 1);
            k0 = k1;
        } while (k0 < k);
    }

    /** Scratch memory for {@code elements} elements of this dtype, returned to the allocator on close. */
    Tensor scratch(long elements) {
        return Tensor.empty(cl, dtype, Shape.of(Math.toIntExact(Math.max(1, elements))));
    }

    /** Kernel {@code name} of {@code file}, built for this dtype and tiling. */
    ClKernel kernel(String file, String name) {
        return cl.kernel(file, name, options);
    }

    /** Kernel {@code name} of {@code file}, built for this dtype and another {@code tiling}. */
    ClKernel kernel(String file, String name, Tiling tiling) {
        return cl.kernel(file, name, tiling.buildOptions(dtype));
    }

    /** Kernel {@code name} of {@code file}, built for this dtype and tiling plus {@code extraOptions}. */
    ClKernel kernel(String file, String name, String extraOptions) {
        return cl.kernel(file, name, options + " " + extraOptions);
    }

    static cl_mem buffer(Tensor t) {
        return ((ClStorage) t.storage()).buffer();
    }

    private static long roundUp(long x, long multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }
}
