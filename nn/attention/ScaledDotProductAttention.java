package nn.attention;

import autograd.Variable;
import tensor.Attention;
import tensor.Generator;
import tensor.Shape;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * The attention core of "Attention Is All You Need" (Vaswani et al., 2017):
 * <pre>
 *   out = softmax(Q·Kᵀ·s + M)·V,    s = 1/√d
 * </pre>
 * for {@code Q [..., Lq, d]}, {@code K [..., Lk, d]}, {@code V [..., Lk, dv]}, batched (with
 * broadcasting) over the leading axes, typically {@code [N, heads]}. It is three batched matrix
 * products and one softmax; the scale is applied to {@code Q} ({@code Lq·d} elements) rather than
 * to the scores ({@code Lq·Lk}).
 *
 * <p>Without a mask (causal or not) and without dropout, when q, k and v share their batch axes
 * and the backend prefers it ({@link tensor.Backend#prefersFusedAttention}: small heads on an
 * OpenCL CPU, or scores too many to store), the fused kernel runs instead ({@link Variable#attention}, after
 * Dao et al., "FlashAttention", 2022): the same values, but no {@code Lq × Lk} scores or weights
 * are ever stored, forward or backward.
 *
 * <p>Masks (see {@link MaskBias}): an I32 keep-mask (1 = may attend), or a float additive mask,
 * either broadcasting to {@code [..., Lq, Lk]}; {@code causal} adds the bottom-right aligned causal
 * mask (query {@code i} sees keys {@code j ≤ i + Lk − Lq}), built once per size. A query that may
 * see no key at all outputs zeros, never {@code NaN}.
 *
 * <p>Dropout on the attention weights ({@link WeightDropout}) is applied when asked: modules ask
 * in training mode and pass {@link WeightDropout#NONE} in evaluation mode.
 */
public final class ScaledDotProductAttention {
    private ScaledDotProductAttention() {}

    /** Unmasked, non-causal attention without dropout. */
    public static Variable attend(Variable q, Variable k, Variable v) {
        return attend(q, k, v, null, false, WeightDropout.NONE);
    }

    /** Attention under an optional mask (I32 keep-mask or float additive mask), optionally causal. */
    public static Variable attend(Variable q, Variable k, Variable v, Tensor mask, boolean causal) {
        return attend(q, k, v, mask, causal, WeightDropout.NONE);
    }

    /**
     * @param mask    null, an I32 keep-mask or a float additive mask, broadcasting to {@code [..., Lq, Lk]}
     * @param causal  forbid each query the keys after its (bottom-right aligned) position
     * @param dropout dropout on the weights ({@link WeightDropout#NONE} in evaluation mode)
     */
    public static Variable attend(Variable q, Variable k, Variable v, Tensor mask, boolean causal,
                                  WeightDropout dropout) {
        checkShapes(q.shape(), k.shape(), v.shape());
        int lq = q.shape().dim(-2);
        int lk = k.shape().dim(-2);
        double scale = 1 / Math.sqrt(q.shape().dim(-1));
        if (mask == null && !dropout.active() && Attention.sameBatch(q.shape(), k.shape(), v.shape())
                && q.value().backend().prefersFusedAttention(q.shape().dim(-1), v.shape().dim(-1), pairs(q.shape(), lk))) {
            return Variable.attention(q, k, v, scale, causal);
        }
        MaskBias masking = MaskBias.resolve(mask, causal, lq, lk, q.dtype(), q.value().backend());

        Variable scores = Variable.matmul(q.mul(scale), k, false, true);
        if (masking != null) {
            scores = scores.add(Variable.constant(masking.bias()));
        }
        Variable weights = scores.softmax(-1);
        if (dropout.active()) {
            weights = weights.mul(Variable.constant(dropoutScale(weights.value(), dropout)));
        }
        Variable out = weights.matmul(v);
        if (masking != null && masking.rowHasKey() != null) {
            out = out.mul(Variable.constant(masking.rowHasKey()));
        }
        return out;
    }

    /** Query–key pairs over all batches: the size of the scores. */
    private static long pairs(Shape q, int lk) {
        long pairs = lk;
        for (int axis = 0; axis < q.rank() - 1; axis++) {
            pairs *= q.dim(axis);
        }
        return pairs;
    }

    /** {@code 1/(1 − p)} where a uniform draw is at least {@code p}, else 0 (inverted dropout). */
    private static Tensor dropoutScale(Tensor like, WeightDropout dropout) {
        Generator stream = dropout.generator();
        Tensor u = Tensor.empty(like.backend(), like.dtype(), like.shape());
        like.backend().randomUniform(u, stream.seed(), stream.stream(), stream.reserve(u.numel()));
        return u.ge(dropout.p()).to(like.dtype()).mul(1 / (1 - dropout.p()));
    }

    private static void checkShapes(Shape q, Shape k, Shape v) {
        if (q.rank() < 2 || k.rank() < 2 || v.rank() < 2) {
            throw new ShapeException("attention", "q " + q + ", k " + k + " and v " + v
                    + " need at least two axes ([..., length, features])");
        }
        if (q.dim(-1) != k.dim(-1)) {
            throw new ShapeException("attention", "q " + q + " and k " + k + " differ in the feature axis (-1): "
                    + q.dim(-1) + " vs " + k.dim(-1));
        }
        if (k.dim(-2) != v.dim(-2)) {
            throw new ShapeException("attention", "k " + k + " and v " + v + " differ in the key axis (-2): "
                    + k.dim(-2) + " vs " + v.dim(-2));
        }
    }
}
