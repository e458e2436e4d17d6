package tensor.cl;

import org.jocl.Pointer;
import org.jocl.Sizeof;
import org.jocl.cl_command_queue;
import org.jocl.cl_device_id;
import org.jocl.cl_kernel;
import org.jocl.cl_mem;
import tensor.DType;

import static org.jocl.CL.*;

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

    /**
     * Where kernels, scratch memory and the queue come from (the OpenCL backend's program cache,
     * allocator and queue).
     */
    interface Device {
        cl_device_id device();

        cl_command_queue queue();

        /** The kernel {@code name} of the program built from {@code cl-kernels/<file>} with {@code options}. */
        cl_kernel kernel(String file, String options, String name);

        /** A scratch buffer of at least {@code bytes} bytes. */
        cl_mem scratch(long bytes);

        /** Gives a scratch buffer back once the queued work that uses it is done. */
        void release(cl_mem buffer);
    }

    /**
     * Tile sizes for one device and dtype: {@code mr × nr} is the block of C a work-item keeps in
     * registers ({@code nr} is the vector width), {@code kc} the depth chunk per launch and
     * {@code localCols × localRows} the work-group, whose blocks share panels in cache.
     */
    record Tiling(int mr, int nr, int kc, int localCols, int localRows) {

        /**
         * On CPUs (PoCL) a work-item holds 24 rows of one 512-bit vector (16 floats or 8 doubles):
         * 24 accumulators plus the B vector fit the 32 AVX-512 registers, and local memory would
         * only add barriers. Elsewhere (GPUs) a 4×4 block per work-item in 8×8 work-groups keeps
         * register pressure low and leaves occupancy to the many work-items; no depth chunking.
         */
        static Tiling forDevice(cl_device_id device, DType dtype) {
            long[] type = new long[1];
            clGetDeviceInfo(device, CL_DEVICE_TYPE, Sizeof.cl_long, Pointer.to(type), null);
            long[] maxGroup = new long[1];
            clGetDeviceInfo(device, CL_DEVICE_MAX_WORK_GROUP_SIZE, Sizeof.size_t, Pointer.to(maxGroup), null);
            Tiling t = (type[0] & CL_DEVICE_TYPE_CPU) != 0
                    ? new Tiling(24, dtype == DType.F64 ? 8 : 16, 256, 4, 4)
                    : new Tiling(4, 4, Integer.MAX_VALUE, 8, 8);
            return (long) t.localCols * t.localRows <= maxGroup[0] ? t : new Tiling(t.mr, t.nr, t.kc, 1, 1);
        }

        /** The build options that compile {@code matmul.cl} (and {@code conv3d.cl}) for this tiling. */
        String buildOptions(DType dtype) {
            String real = dtype == DType.F64 ? "-DREAL=double -DREAL_IS_DOUBLE=1" : "-DREAL=float";
            return real + " -DMR=" + mr + " -DNR=" + nr;
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
    record Panels(cl_mem buffer, int batchStride) {}

    /** Where the product goes: C of batch b, row m, column n is at {@code offset + b·batchStride + m·ld + n}. */
    record Output(cl_mem buffer, int offset, int batchStride, int ld) {}

    private final Device device;
    private final DType dtype;
    private final Tiling tiling;
    private final String options;

    ClMatmul(Device device, DType dtype) {
        this(device, dtype, Tiling.forDevice(device.device(), dtype));
    }

    /** With explicit tile sizes (tests run the GPU tiling on any device this way). */
    ClMatmul(Device device, DType dtype, Tiling tiling) {
        this.device = device;
        this.dtype = dtype;
        this.tiling = tiling;
        this.options = tiling.buildOptions(dtype);
    }

    Tiling tiling() {
        return tiling;
    }

    /** The build options for this dtype's kernels, shared with {@link ClConv3d}. */
    String options() {
        return options;
    }

    /**
     * {@code out[b] = op(a[b]) · op(b[b])} for contiguous {@code a} ({@code [Ba, M, K]}, or
     * {@code [Ba, K, M]} when {@code transA}) and {@code b} ({@code [Bb, K, N]}, or {@code [Bb, N, K]}
     * when {@code transB}); {@code Ba}, {@code Bb} are {@code batches} or 1.
     */
    void matmul(cl_mem a, int aOffset, int aBatches, cl_mem b, int bOffset, int bBatches, cl_mem out, int outOffset,
                int batches, int m, int n, int k, boolean transA, boolean transB) {
        if (batches == 0 || m == 0 || n == 0) {
            return;
        }
        Operand left = Operand.matrix(a, aOffset, aBatches == 1 ? 0 : m * k, m, k,
                transA ? 1 : k, transA ? m : 1);
        Operand right = Operand.matrix(b, bOffset, bBatches == 1 ? 0 : k * n, n, k,
                transB ? k : 1, transB ? 1 : n);
        Panels pa = pack(left, tiling.mr, aBatches);
        Panels pb = pack(right, tiling.nr, bBatches);
        multiply(pa, pb, new Output(out, outOffset, m * n, n), batches, m, n, k, false, null, 0);
        device.release(pa.buffer);
        device.release(pb.buffer);
    }

    /** Number of panels of {@code r} rows that cover {@code rows}. */
    static int panels(int rows, int r) {
        return (rows + r - 1) / r;
    }

    /** Packs {@code batches} matrices of {@code operand} into panels of {@code r} rows (r = mr for A, nr for B). */
    Panels pack(Operand o, int r, int batches) {
        int panels = panels(o.rows, r);
        int perBatch = panels * r * o.depth;
        cl_mem dst = scratch((long) batches * perBatch);
        launch(kernel("matmul.cl", "pack_panels"), new long[] {o.depth, panels, batches}, null,
                o.buffer, o.offset, o.batchStride, o.rows, o.depth, o.rowStride, o.depthInner, o.depthStride,
                o.depthOuterStride, r, dst);
        return new Panels(dst, batches == 1 ? 0 : perBatch);
    }

    /**
     * {@code C[b] = (accumulate ? C[b] : bias) + A[b] · B[b]} from packed panels, in depth chunks of
     * {@code kc}; {@code bias} (indexed by row, from {@code biasOffset}) may be null.
     */
    void multiply(Panels a, Panels b, Output c, int batches, int m, int n, int k, boolean accumulate,
                  cl_mem bias, int biasOffset) {
        long[] local = {tiling.localCols, tiling.localRows, 1};
        long[] global = {roundUp(panels(n, tiling.nr), local[0]), roundUp(panels(m, tiling.mr), local[1]), batches};
        cl_kernel gemm = kernel("matmul.cl", "gemm_packed");
        int k0 = 0;
        do {
            int k1 = (int) Math.min(k, (long) k0 + tiling.kc);
            launch(gemm, global, local, a.buffer, a.batchStride, b.buffer, b.batchStride,
                    c.buffer, c.offset, c.batchStride, c.ld, m, n, k, k0, k1,
                    accumulate || k0 > 0 ? 1 : 0, bias == null ? c.buffer : bias, biasOffset, bias == null ? 0 : 1);
            k0 = k1;
        } while (k0 < k);
    }

    /** Scratch memory for {@code elements} elements of this dtype. */
    cl_mem scratch(long elements) {
        return device.scratch(Math.max(1, elements) * dtype.bytes());
    }

    void release(cl_mem buffer) {
        device.release(buffer);
    }

    cl_kernel kernel(String file, String name) {
        return device.kernel(file, options, name);
    }

    private static long roundUp(long x, long multiple) {
        return (x + multiple - 1) / multiple * multiple;
    }

    /** Sets the arguments (cl_mem, Integer or int[4] for an int4) and enqueues over {@code global}. */
    void launch(cl_kernel kernel, long[] global, long[] local, Object... args) {
        for (int i = 0; i < args.length; i++) {
            Object arg = args[i];
            if (arg instanceof cl_mem mem) {
                clSetKernelArg(kernel, i, Sizeof.cl_mem, Pointer.to(mem));
            } else if (arg instanceof int[] vector) {
                clSetKernelArg(kernel, i, (long) Sizeof.cl_int * vector.length, Pointer.to(vector));
            } else {
                clSetKernelArg(kernel, i, Sizeof.cl_int, Pointer.to(new int[] {(Integer) arg}));
            }
        }
        for (long g : global) {
            if (g == 0) {
                return;
            }
        }
        clEnqueueNDRangeKernel(device.queue(), kernel, global.length, null, global, local, 0, null, null);
    }
}
