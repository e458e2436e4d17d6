package nn.attention;

import autograd.Variable;
import nn.Module;
import tensor.Generator;

/**
 * 3D nearby attention, 3DNA (Wu et al., "NÜWA: Visual Synthesis Pre-training for Neural visUal
 * World creAtion", 2021): each query at {@code (t, h, w)} attends only to the keys in a
 * {@code kT × kH × kW} neighbourhood around it (optionally dilated); the causal variant only to
 * positions at or before it on every axis, {@code [t−(kT−1), t] × [h−(kH−1), h] × [w−(kW−1), w]}.
 * Neighbour slots that fall outside the grid are masked out. See {@link Neighbourhood} for the
 * exact slots, and how a query finds its place in a key grid of another size (cross 3DNA, how
 * NÜWA's decoder reads its condition).
 *
 * <h2>Cost</h2>
 * {@code O(P·K)} for {@code P} positions and {@code K = kT·kH·kW}: the neighbour table is built once,
 * keys and values are gathered to {@code [N, heads, P, K, d]} ({@code indexSelect}), and each query
 * attends over its own {@code K} slots. No {@code P × P} matrix is ever formed.
 */
public final class NearbyAttention3d extends Module {
    public final MultiHeadAttention attn;
    private final VideoGrid kernel;
    private final VideoGrid dilation;
    private final boolean causal;

    /**
     * @param kernel   neighbourhood size per axis (odd unless causal)
     * @param dilation step between neighbours per axis (1 = adjacent)
     */
    public NearbyAttention3d(MultiHeadAttention.Config config, VideoGrid kernel, VideoGrid dilation, boolean causal,
                             Generator init) {
        this.attn = child("attn", new MultiHeadAttention(config, init));
        this.kernel = kernel;
        this.dilation = dilation;
        this.causal = causal;
    }

    /** Self-attention: {@code x [N, T, H, W, C]} → {@code [N, T, H, W, C]}. */
    public Variable forward(Variable x) {
        return forward(x, x);
    }

    /** Cross 3DNA: queries from {@code x [N, T, H, W, C]}, keys and values from {@code context [N, T′, H′, W′, C′]}. */
    public Variable forward(Variable x, Variable context) {
        VideoGrid queries = VideoGrid.of(x, "NearbyAttention3d");
        VideoGrid keys = VideoGrid.of(context, "NearbyAttention3d");
        AttentionPattern pattern = pattern(new Neighbourhood(queries, keys, kernel, dilation, causal));
        return queries.unflatten(attn.forward(VideoGrid.flatten(x), VideoGrid.flatten(context), pattern));
    }

    /**
     * The pattern itself, on heads {@code q [N, heads, Pq, d]}, {@code k, v [N, heads, Pk, d]}:
     * gather each query's {@code K} neighbours and attend over them (a batch of one-query attentions).
     */
    static AttentionPattern pattern(Neighbourhood hood) {
        return (q, k, v, dropout) -> {
            tensor.Backend backend = q.value().backend();
            tensor.Tensor index = hood.index(backend);
            int[] d = q.shape().dims();
            int slots = hood.slots();
            Variable keys = k.indexSelect(2, index).reshape(d[0], d[1], d[2], slots, k.shape().dim(3));
            Variable values = v.indexSelect(2, index).reshape(d[0], d[1], d[2], slots, v.shape().dim(3));
            Variable out = ScaledDotProductAttention.attend(q.unsqueeze(3), keys, values, hood.keep(backend), false, dropout);
            return out.reshape(d[0], d[1], d[2], v.shape().dim(3));
        };
    }
}
