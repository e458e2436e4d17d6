package tensor.cl;

import tensor.Attention;
import tensor.DType;
import tensor.Shape;
import tensor.Tensor;

/**
 * Fused scaled dot-product attention on an OpenCL device ({@link tensor.Backend#attention}): the
 * kernels of {@code cl-kernels/attention.cl}, one work-item per query row (forward, query
 * gradient) or key row (key and value gradients), compiled for the head's feature sizes so each
 * item keeps its row and its accumulators in private memory. The rows on the other side are
 * first copied transposed and padded to whole blocks of sixteen, so a work-item computes sixteen
 * scores with sixteen-wide multiply-adds. Scores and weights are recomputed where needed and
 * never stored: memory and traffic grow with {@code L·d}, not {@code L²}.
 */
final class ClAttention {
    private static final String FILE = "attention.cl";
    /** Scores a work-item computes at once: the sixteen-wide vectors of the kernels. */
    private static final int LANES = 16;
    /** Rows per work-group on CPU devices. */
    private static final int CPU_GROUP = 16;

    /** The widest heads the fused kernels are used for regardless of length. */
    private static final int FUSED_HEAD_DIM_MAX = 32;
    /** Query–key pairs (64 Mi, 256 MiB of F32 scores) above which the fused kernels are used whatever the heads. */
    private static final long FUSED_ABOVE = 1L << 26;

    private ClAttention() {}

    /**
     * On CPU devices the fused kernels for heads of up to {@value #FUSED_HEAD_DIM_MAX} features,
     * where they are the faster (on PoCL with AVX2, b8 h4 t576 d16 forward and backward: 34–37 ms
     * against 65 ms for the matrix products and softmax); wider heads keep a work-item's
     * accumulators out of registers, and at d = 64 the matrix products are about 1.6 times faster
     * (88–93 against 147–151 ms at t512). On other devices (GPUs) the kernels are untuned (see
     * {@code attention.cl}), so the matrix products are kept. Either way the fused kernels take
     * over when the scores would pass {@value #FUSED_ABOVE} query–key pairs.
     */
    static boolean preferred(ClDeviceInfo device, int headDim, int valueDim, long scores) {
        boolean faster = device.type() == ClDeviceInfo.Type.CPU && Math.max(headDim, valueDim) <= FUSED_HEAD_DIM_MAX;
        return faster || scores > FUSED_ABOVE;
    }

    static void forward(ClBackend cl, Tensor q, Tensor k, Tensor v, double scale, boolean causal, Tensor out, Tensor lse) {
        Sizes s = Sizes.of(q, k, v);
        if ((long) s.batch * s.lq == 0) {
            return;
        }
        String options = s.options(q.dtype());
        try (Tensor kt = transposed(cl, options, k, s.batch, s.lk, s.d)) {
            launchRows(cl, cl.kernel(FILE, "attention_forward", options), s.lq, s.batch, q, q.offset(), kt, v, v.offset(),
                    out, lse, s.lq, s.lk, padded(s.lk), s.scalar(q.dtype(), scale), causal ? 1 : 0);
        }
    }

    static void backward(ClBackend cl, Tensor q, Tensor k, Tensor v, Tensor out, Tensor lse, Tensor g, double scale,
                         boolean causal, Tensor gradQ, Tensor gradK, Tensor gradV) {
        Sizes s = Sizes.of(q, k, v);
        if ((long) s.batch * s.lq == 0) {
            cl.fill(gradK, 0);
            cl.fill(gradV, 0);
            return;
        }
        String options = s.options(q.dtype());
        Object scalar = s.scalar(q.dtype(), scale);
        int flag = causal ? 1 : 0;
        try (Tensor dRow = Tensor.empty(cl, q.dtype(), Shape.of(s.batch * s.lq));
             Tensor kt = transposed(cl, options, k, s.batch, s.lk, s.d);
             Tensor vt = transposed(cl, options, v, s.batch, s.lk, s.dv);
             Tensor qt = transposed(cl, options, q, s.batch, s.lq, s.d);
             Tensor gt = transposed(cl, options, g, s.batch, s.lq, s.dv)) {
            launchRows(cl, cl.kernel(FILE, "attention_backward_query", options), s.lq, s.batch, q, q.offset(), k, k.offset(),
                    kt, vt, out, out.offset(), lse, lse.offset(), g, g.offset(), gradQ, dRow, s.lq, s.lk, padded(s.lk),
                    scalar, flag);
            launchRows(cl, cl.kernel(FILE, "attention_backward_key", options), s.lk, s.batch, q, q.offset(), k, k.offset(),
                    v, v.offset(), qt, gt, lse, lse.offset(), g, g.offset(), dRow, gradK, gradV, s.lq, s.lk, padded(s.lq),
                    scalar, flag);
        }
    }

    /**
     * One work-item per row of every batch, {@code [rows rounded up to the group, batch]}. On a CPU
     * the groups hold {@value #CPU_GROUP} rows when that still leaves every core several groups
     * (each item is a whole row of work), else one; elsewhere the kernel's usual group size.
     */
    private static void launchRows(ClBackend cl, ClKernel kernel, int rows, int batch, Object... args) {
        if ((long) rows * batch == 0) {
            return;
        }
        long group = !cl.prefersSerialRows() ? Math.min(kernel.groupSize(), Integer.highestOneBit(rows))
                : (long) rows * batch / CPU_GROUP >= 4L * cl.info().computeUnits() ? CPU_GROUP : 1;
        kernel.launch(new long[] {(rows + group - 1) / group * group, batch}, new long[] {group, 1}, args);
    }

    /** A length rounded up to whole blocks of {@value #LANES}. */
    private static int padded(int length) {
        return (length + LANES - 1) / LANES * LANES;
    }

    /** {@code x [batch, rows, cols]} as {@code [batch, cols, padded(rows)]}, zeros past {@code rows}. */
    private static Tensor transposed(ClBackend cl, String options, Tensor x, int batch, int rows, int cols) {
        int paddedRows = padded(rows);
        Tensor t = Tensor.empty(cl, x.dtype(), Shape.of(Math.max(1, batch * cols * paddedRows)));
        if ((long) batch * cols * paddedRows > 0) {
            cl.kernel(FILE, "attention_transpose", options).launch(new long[] {paddedRows, cols, batch}, null,
                    x, x.offset(), t, rows, cols, paddedRows);
        }
        return t;
    }

    /** The sizes of one call; {@code batch} is the product of the leading axes. */
    private record Sizes(int batch, int lq, int lk, int d, int dv) {
        static Sizes of(Tensor q, Tensor k, Tensor v) {
            return new Sizes(Attention.batchOf(q.shape()), q.dim(-2), k.dim(-2), q.dim(-1), v.dim(-1));
        }

        String options(DType dtype) {
            return ClBackend.typeOptions(dtype) + " -DHEAD_DIM=" + d + " -DVALUE_DIM=" + dv + " -DHEAD_VEC=" + vectorWidth(d)
                    + " -DVALUE_VEC=" + vectorWidth(dv);
        }

        /** The widest OpenCL vector (16, 8, 4, 2 or 1 elements) that divides {@code size}. */
        private static int vectorWidth(int size) {
            int width = 16;
            while (size % width != 0) {
                width /= 2;
            }
            return width;
        }

        Object scalar(DType dtype, double value) {
            return dtype == DType.F64 ? (Object) value : (Object) (float) value;
        }
    }
}
