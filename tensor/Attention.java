package tensor;

import java.util.Arrays;

/**
 * Fused scaled dot-product attention, {@code softmax(scale · Q·Kᵀ + causal mask) · V}, and its
 * gradient, reduced to the backend's primitives {@link Backend#attention} and
 * {@link Backend#attentionBackward}: the scores are recomputed where they are needed and never
 * stored, so memory grows with {@code L·d}, not {@code L²} (Dao et al., "FlashAttention", 2022;
 * the row-wise log-sum-exp saved by the forward is what lets the backward recompute the weights).
 *
 * <p>{@code q [..., Lq, d]}, {@code k [..., Lk, d]} and {@code v [..., Lk, dv]} share their leading
 * (batch) axes exactly; nothing broadcasts. A causal mask is bottom-right aligned, as in
 * {@code nn.attention.ScaledDotProductAttention}: query {@code i} sees keys {@code j ≤ i + Lk − Lq},
 * and a query that sees no key outputs zeros.
 */
public final class Attention {
    private static final String OP = "attention";

    private Attention() {}

    /**
     * The output {@code [..., Lq, dv]} and the log-sum-exp of each query's scores {@code [..., Lq]}
     * (−∞ where it sees no key).
     */
    public record Output(Tensor out, Tensor logSumExp) {}

    /** The gradients with respect to {@code q}, {@code k} and {@code v}, in their shapes. */
    public record Grads(Tensor q, Tensor k, Tensor v) {}

    /** The attention of {@code q} over {@code k} and {@code v} with scores scaled by {@code scale}. */
    public static Output forward(Tensor q, Tensor k, Tensor v, double scale, boolean causal) {
        check(q, k, v, scale);
        Tensor out = Tensor.empty(q.backend(), q.dtype(), q.shape().with(q.rank() - 1, v.dim(-1)));
        Tensor lse = Tensor.empty(q.backend(), q.dtype(), rowsOf(q.shape()));
        try (Operands in = Operands.dense(q, k, v)) {
            q.backend().attention(in.get(0), in.get(1), in.get(2), scale, causal, out, lse);
        }
        return new Output(out, lse);
    }

    /** The gradients of {@link #forward}, whose result was {@code forward}, for output gradient {@code g}. */
    public static Grads backward(Tensor q, Tensor k, Tensor v, Output forward, Tensor g, double scale, boolean causal) {
        check(q, k, v, scale);
        Shape outShape = q.shape().with(q.rank() - 1, v.dim(-1));
        for (Tensor t : new Tensor[] {forward.out(), g}) {
            if (!t.shape().equals(outShape) || t.dtype() != q.dtype() || t.backend() != q.backend()) {
                throw new ShapeException(OP + " backward", "the output and its gradient must have the shape "
                        + outShape + ", dtype " + q.dtype() + " and backend of the output, got " + t.shape() + " "
                        + t.dtype());
            }
        }
        if (!forward.logSumExp().shape().equals(rowsOf(q.shape())) || forward.logSumExp().dtype() != q.dtype()) {
            throw new ShapeException(OP + " backward", "the log-sum-exp must be " + rowsOf(q.shape()) + " " + q.dtype()
                    + ", got " + forward.logSumExp().shape() + " " + forward.logSumExp().dtype());
        }
        Tensor gradQ = Tensor.empty(q.backend(), q.dtype(), q.shape());
        Tensor gradK = Tensor.empty(q.backend(), q.dtype(), k.shape());
        Tensor gradV = Tensor.empty(q.backend(), q.dtype(), v.shape());
        try (Operands in = Operands.dense(q, k, v, forward.out(), forward.logSumExp(), g)) {
            q.backend().attentionBackward(in.get(0), in.get(1), in.get(2), in.get(3), in.get(4), in.get(5), scale, causal,
                    gradQ, gradK, gradV);
        }
        return new Grads(gradQ, gradK, gradV);
    }

    /** Whether {@code q}, {@code k} and {@code v} have one rank and the same leading (batch) axes, as the fused op needs. */
    public static boolean sameBatch(Shape q, Shape k, Shape v) {
        if (k.rank() != q.rank() || v.rank() != q.rank()) {
            return false;
        }
        for (int axis = 0; axis < q.rank() - 2; axis++) {
            if (k.dim(axis) != q.dim(axis) || v.dim(axis) != q.dim(axis)) {
                return false;
            }
        }
        return true;
    }

    /** The number of heads of {@code [..., L, d]}: the product of its leading (batch) axes. */
    public static int batchOf(Shape s) {
        int batch = 1;
        for (int axis = 0; axis < s.rank() - 2; axis++) {
            batch *= s.dim(axis);
        }
        return batch;
    }

    /** {@code [..., L, d]} without its last axis. */
    private static Shape rowsOf(Shape s) {
        return Shape.of(Arrays.copyOf(s.dims(), s.rank() - 1));
    }

    private static void check(Tensor q, Tensor k, Tensor v, double scale) {
        for (Tensor t : new Tensor[] {q, k, v}) {
            t.checkOpen(OP);
        }
        Elementwise.requireFloating(OP, q);
        if (k.dtype() != q.dtype() || v.dtype() != q.dtype() || k.backend() != q.backend() || v.backend() != q.backend()) {
            throw new ShapeException(OP, "q, k and v must share one dtype and backend, got " + q.dtype() + ", "
                    + k.dtype() + " and " + v.dtype());
        }
        Shape qs = q.shape();
        Shape ks = k.shape();
        Shape vs = v.shape();
        if (qs.rank() < 2 || ks.rank() != qs.rank() || vs.rank() != qs.rank()) {
            throw new ShapeException(OP, "q " + qs + ", k " + ks + " and v " + vs
                    + " need one rank of at least 2 ([..., length, features])");
        }
        if (!sameBatch(qs, ks, vs)) {
            throw new ShapeException(OP, "q " + qs + ", k " + ks + " and v " + vs
                    + " differ in their leading (batch) axes; the fused attention does not broadcast");
        }
        if (qs.dim(-1) != ks.dim(-1) || ks.dim(-2) != vs.dim(-2)) {
            throw new ShapeException(OP, "q " + qs + " and k " + ks + " need one feature size, and k and v " + vs
                    + " one length");
        }
        if (!Double.isFinite(scale)) {
            throw new IllegalArgumentException(OP + ": the scale must be finite, got " + scale);
        }
    }
}
