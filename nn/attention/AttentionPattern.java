package nn.attention;

import autograd.Variable;

/**
 * Which keys each query attends to, and how: the part of attention between the projections.
 * {@link MultiHeadAttention} projects and splits heads, then hands {@code q [N, heads, Lq, d]},
 * {@code k [N, heads, Lk, d]} and {@code v [N, heads, Lk, dv]} to a pattern, which returns
 * {@code [N, heads, Lq, dv]}: dense attention with a mask ({@link #dense}), windows
 * ({@link WindowAttention}), one axis of a grid ({@link AxialAttention}), a 3D neighbourhood
 * ({@link NearbyAttention3d}).
 */
@FunctionalInterface
public interface AttentionPattern {

    Variable attend(Variable q, Variable k, Variable v, WeightDropout dropout);

    /** Every query sees every key. */
    AttentionPattern FULL = dense(null, false);

    /** Query {@code i} sees keys {@code j ≤ i + Lk − Lq} (bottom-right aligned, see {@link MaskBias}). */
    AttentionPattern CAUSAL = dense(null, true);

    /** {@link ScaledDotProductAttention} under {@code mask} (I32 keep-mask or float additive, or null). */
    static AttentionPattern dense(tensor.Tensor mask, boolean causal) {
        return (q, k, v, dropout) -> ScaledDotProductAttention.attend(q, k, v, mask, causal, dropout);
    }
}
