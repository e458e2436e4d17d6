package tensor;

import java.util.Locale;

/**
 * Elementwise ops with NumPy broadcasting.
 *
 * <ul>
 *   <li>Operands must share a dtype; nothing is promoted implicitly (convert with
 *       {@link Tensor#to(DType)}). Comparisons produce I32 masks of 0 and 1.</li>
 *   <li>Shapes broadcast like NumPy's: trailing axes align, a size-1 axis stretches. A stretched
 *       operand is handed to the backend as a stride-0 view; nothing is copied.</li>
 *   <li>A scalar operand ({@code x.maximum(0.5)}) becomes a rank-0 tensor of {@code x}'s dtype; for
 *       an I32 tensor it must be a whole number, so that {@code i.lt(2.5)} cannot silently mean
 *       {@code i.lt(2)}.</li>
 *   <li>Every operand must be open and live on the same backend.</li>
 * </ul>
 */
final class Elementwise {
    private Elementwise() {}

    /** {@code op(x; alpha, beta)}; integer tensors take only the ops {@link UnaryOp#acceptsIntegers()} allows. */
    static Tensor unary(UnaryOp op, Tensor x, double alpha, double beta) {
        String name = name(op);
        if (op.acceptsIntegers()) {
            x.checkOpen(name);
        } else {
            requireFloating(name, x);
        }
        Tensor out = Tensor.empty(x.backend(), x.dtype(), x.shape());
        x.backend().unary(op, x, out, alpha, beta);
        return out;
    }

    /** {@code min(max(x, lo), hi)}; requires {@code lo ≤ hi}. */
    static Tensor clamp(Tensor x, double lo, double hi) {
        if (!(lo <= hi)) {
            throw new ShapeException("clamp", "needs lo <= hi, got lo " + lo + " and hi " + hi + " for shape " + x.shape());
        }
        return unary(UnaryOp.CLAMP, x, lo, hi);
    }

    /** {@code a op b} with broadcasting; comparisons give I32. */
    static Tensor binary(BinaryOp op, Tensor a, Tensor b) {
        String name = name(op);
        checkOperands(name, a, b);
        checkSameDtype(name, a, b);
        if (!op.acceptsIntegers()) {
            requireFloating(name, a);
        }
        Shape shape = Shape.broadcast(name, a.shape(), b.shape());
        Tensor out = Tensor.empty(a.backend(), op.isComparison() ? DType.I32 : a.dtype(), shape);
        try (Operands in = Operands.broadcast(shape, a, b)) {
            a.backend().binary(op, in.get(0), in.get(1), out);
        }
        return out;
    }

    /** {@code a op s} for a number {@code s}, taken in {@code a}'s dtype. */
    static Tensor binaryScalar(BinaryOp op, Tensor a, double s) {
        String name = name(op);
        a.checkOpen(name);
        if (!a.dtype().isFloating() && s != Math.rint(s)) {
            throw new ShapeException(name, "scalar " + s + " is not a whole number but the tensor " + a.shape()
                    + " is I32; convert it with .to(DType.F32) first");
        }
        try (Tensor scalar = Creation.full(a.backend(), s, a.dtype(), Shape.scalar())) {
            return binary(op, a, scalar);
        }
    }

    /** {@code cond ≠ 0 ? a : b}, broadcasting all three; {@code cond} is I32, {@code a} and {@code b} share a dtype. */
    static Tensor where(Tensor cond, Tensor a, Tensor b) {
        checkOperands("where", cond, a);
        checkOperands("where", cond, b);
        if (cond.dtype() != DType.I32) {
            throw new ShapeException("where", "the condition must be an I32 mask, got " + cond.dtype() + " for shape "
                    + cond.shape() + "; make one with a comparison such as x.gt(0)");
        }
        checkSameDtype("where", a, b);
        Shape shape = Shape.broadcast("where", Shape.broadcast("where", cond.shape(), a.shape()), b.shape());
        Tensor out = Tensor.empty(a.backend(), a.dtype(), shape);
        try (Operands in = Operands.broadcast(shape, cond, a, b)) {
            a.backend().where(in.get(0), in.get(1), in.get(2), out);
        }
        return out;
    }

    /** A copy in another dtype; floats become I32 by truncation toward zero. */
    static Tensor cast(Tensor x, DType dtype) {
        x.checkOpen("to");
        Tensor out = Tensor.empty(x.backend(), dtype, x.shape());
        x.backend().copy(x, out);
        return out;
    }

    /**
     * {@code t} seen with {@code shape} (which broadcasting produced from it): leading axes are
     * added and size-1 axes stretched with stride 0. Returns {@code t} itself if the shape is its own.
     */
    static Tensor broadcast(Tensor t, Shape shape) {
        if (t.shape().equals(shape)) {
            return t;
        }
        int rank = shape.rank();
        int lead = rank - t.rank();
        int[] strides = new int[rank];
        for (int axis = lead; axis < rank; axis++) {
            int own = axis - lead;
            strides[axis] = t.dim(own) == 1 && shape.dim(axis) != 1 ? 0 : t.stride(own);
        }
        return t.view(shape, strides, t.offset());
    }

    /** Open and of dtype F32 or F64. */
    static void requireFloating(String op, Tensor x) {
        x.checkOpen(op);
        if (!x.dtype().isFloating()) {
            throw new ShapeException(op, "needs a floating dtype (F32 or F64), got " + x.dtype() + " for shape "
                    + x.shape() + "; convert with .to(DType.F32)");
        }
    }

    /** Both open and on one backend. */
    static void checkOperands(String op, Tensor a, Tensor b) {
        a.checkOpen(op);
        b.checkOpen(op);
        if (a.backend() != b.backend()) {
            throw new ShapeException(op, "operands live on different backends: " + a.shape() + " on "
                    + a.backend().name() + " and " + b.shape() + " on " + b.backend().name()
                    + "; move one with .to(backend)");
        }
    }

    private static void checkSameDtype(String op, Tensor a, Tensor b) {
        if (a.dtype() != b.dtype()) {
            throw new ShapeException(op, "operands have different dtypes: " + a.shape() + " " + a.dtype() + " and "
                    + b.shape() + " " + b.dtype() + "; convert one with .to(DType." + a.dtype() + ") or .to(DType."
                    + b.dtype() + ")");
        }
    }

    private static String name(Enum<?> op) {
        return op.name().toLowerCase(Locale.ROOT);
    }
}
