package tensor.cl;

import tensor.BinaryOp;
import tensor.DType;
import tensor.Tensor;
import tensor.UnaryOp;

/**
 * Fill, iota, strided copy, unary, binary and where as the kernels of {@code elementwise.cl} and
 * {@code copy.cl}. The op and the types are build options, so each (op, dtype) is its own small
 * program; when every operand is dense the {@code *_contiguous} kernel runs, else {@code *_strided}
 * walks a {@link Strided} layout ({@code *_strided_runs} on CPU devices, {@code binary_rows} for
 * their long rows).
 */
final class ClElementwise {
    private static final String FILE = "elementwise.cl";
    /** Innermost rows at least this long get a work-item each on CPU devices ({@code binary_rows}). */
    private static final int ROW_MIN = 16;

    private ClElementwise() {}

    static void fill(ClBackend cl, Tensor out, double value) {
        DType t = out.dtype();
        ClKernel k = cl.kernel(FILE, "fill", ClBackend.typeOptions(t) + exactParams(cl));
        k.launchRuns(out.numel(), out, out.numel(), param(cl, t, value, true));
    }

    static void iota(ClBackend cl, Tensor out, double start, double step) {
        DType t = out.dtype();
        ClKernel k = cl.kernel(FILE, "iota", ClBackend.typeOptions(t) + exactParams(cl));
        k.launchRuns(out.numel(), out, out.numel(), param(cl, t, start, true), param(cl, t, step, true));
    }

    static void copy(ClBackend cl, Tensor src, Tensor dst) {
        Strided s = Strided.of("copy", dst.shape().dims(), dst, src);
        String options = ClBackend.typeOptions(dst.dtype()) + " -DS=" + ClBackend.cType(src.dtype());
        if (s.contiguous()) {
            cl.kernel("copy.cl", "copy_contiguous", options)
                    .launchRuns(s.numel(), src, s.offset(1), dst, s.offset(0), s.numel());
        } else if (inRuns(cl, s)) {
            cl.kernel("copy.cl", "copy_strided_runs", options).launchRuns(s.numel(), src, dst, s.words());
        } else {
            cl.kernel("copy.cl", "copy_strided", options).launchStrided(s, src, dst, s.words());
        }
    }

    static void unary(ClBackend cl, UnaryOp op, Tensor x, Tensor out, double alpha, double beta) {
        DType t = x.dtype();
        Strided s = Strided.of(op.name().toLowerCase(), out.shape().dims(), x);
        String options = ClBackend.typeOptions(t) + " -DUNARY -DOP_" + op.name()
                + (t == DType.F32 ? " -DP=float" : exactParams(cl)) + " -DVW=" + vectorWidth(cl, t);
        Object a = param(cl, t, alpha, false);
        Object b = param(cl, t, beta, false);
        if (s.contiguous()) {
            cl.kernel(FILE, "unary_contiguous", options).launchRuns(s.numel(), x, s.offset(0), out, s.numel(), a, b);
        } else if (inRuns(cl, s)) {
            cl.kernel(FILE, "unary_strided_runs", options).launchRuns(s.numel(), x, out, s.words(), a, b);
        } else {
            cl.kernel(FILE, "unary_strided", options).launchStrided(s, x, out, s.words(), a, b);
        }
    }

    static void binary(ClBackend cl, BinaryOp op, Tensor a, Tensor b, Tensor out) {
        Strided s = Strided.of(op.name().toLowerCase(), out.shape().dims(), a, b);
        String options = ClBackend.typeOptions(a.dtype()) + " -DBINARY -DOP_" + op.name()
                + " -DR=" + ClBackend.cType(out.dtype()) + exactParams(cl);
        if (s.contiguous()) {
            cl.kernel(FILE, "binary_contiguous", options)
                    .launchRuns(s.numel(), a, s.offset(0), b, s.offset(1), out, s.numel());
        } else if (cl.prefersSerialRows() && s.inner() >= ROW_MIN) {
            cl.kernel(FILE, "binary_rows", options).launch1dSpread(s.outer(), a, b, out, s.words());
        } else if (inRuns(cl, s)) {
            cl.kernel(FILE, "binary_strided_runs", options).launchRuns(s.numel(), a, b, out, s.words());
        } else {
            cl.kernel(FILE, "binary_strided", options).launchStrided(s, a, b, out, s.words());
        }
    }

    static void where(ClBackend cl, Tensor cond, Tensor a, Tensor b, Tensor out) {
        Strided s = Strided.of("where", out.shape().dims(), cond, a, b);
        String options = ClBackend.typeOptions(out.dtype()) + exactParams(cl);
        if (inRuns(cl, s)) {
            cl.kernel(FILE, "where_strided_runs", options).launchRuns(s.numel(), cond, a, b, out, s.words());
        } else {
            cl.kernel(FILE, "where_strided", options).launchStrided(s, cond, a, b, out, s.words());
        }
    }

    /**
     * Elements of {@code t} in one native vector register of the device (PoCL: 16 floats with
     * AVX-512, 8 with AVX2), a power of two from 1 to 16: the width of unary_contiguous's vector math.
     */
    private static int vectorWidth(ClBackend cl, DType t) {
        int lanes = cl.info().nativeVectorBits() / (8 * t.bytes());
        return Math.max(1, Math.min(16, Integer.highestOneBit(Math.max(1, lanes))));
    }

    /**
     * Whether a strided op runs as {@code *_strided_runs} (CPU devices: a run of elements per
     * work-item, walked without divisions) rather than {@code *_strided} (GPUs: one element per
     * item, its offsets found by divisions).
     */
    private static boolean inRuns(ClBackend cl, Strided s) {
        return cl.prefersSerialRows() && s.rank() > 0;
    }

    /** {@code P} for parameters that must be exact (fill values, ranges, integer maths): double where the device has it. */
    private static String exactParams(ClBackend cl) {
        return cl.info().fp64() ? " -DP=double" : " -DP=float";
    }

    /** A scalar parameter as the kernel's {@code P}: float for F32 ops unless {@code exact}, else double when available. */
    private static Object param(ClBackend cl, DType t, double v, boolean exact) {
        boolean asDouble = cl.info().fp64() && (exact || t != DType.F32);
        return asDouble ? (Object) v : (Object) (float) v;
    }
}
