package nn.attention;

import autograd.Variable;
import nn.Module;
import tensor.Generator;

/**
 * Axial attention as in VideoGPT's attention block (Yan et al., "VideoGPT", 2021; after Ho et al.,
 * "Axial Attention in Multidimensional Transformers", 2019): three multi-head self-attentions, each
 * along one axis of the {@code T × H × W} grid with every other position batched, whose outputs
 * are <b>summed</b>:
 * <pre>
 *   out = attn_w(x) + attn_h(x) + attn_t(x)
 * </pre>
 * where {@code attn_a} lets token {@code (t, h, w)} attend to the tokens that differ from it only
 * along axis {@code a}. Non-causal, as in VideoGPT's VQ-VAE. Tokens are channels-last
 * {@code [N, T, H, W, C]} (VideoGPT moves channels last the same way before its block).
 *
 * <p>Parameter names {@code attn_w.*, attn_h.*, attn_t.*} follow VideoGPT's {@code AxialBlock};
 * inside each, {@link MultiHeadAttention}'s {@code q_proj/k_proj/v_proj/o_proj} stand for
 * VideoGPT's {@code w_qs/w_ks/w_vs/fc} (VideoGPT has no q/k/v biases: use {@code bias = false}
 * and load {@code fc.bias} into {@code o_proj.bias}, or keep biases when training from scratch).
 */
public final class AxialAttention extends Module {
    public final MultiHeadAttention attnW;
    public final MultiHeadAttention attnH;
    public final MultiHeadAttention attnT;

    public AxialAttention(MultiHeadAttention.Config config, Generator init) {
        attnW = child("attn_w", new MultiHeadAttention(config, init));
        attnH = child("attn_h", new MultiHeadAttention(config, init));
        attnT = child("attn_t", new MultiHeadAttention(config, init));
    }

    /** {@code x [N, T, H, W, C]} → {@code [N, T, H, W, C]}. */
    public Variable forward(Variable x) {
        VideoGrid grid = VideoGrid.of(x, "AxialAttention");
        Variable tokens = VideoGrid.flatten(x);
        Variable sum = attnW.forward(tokens, along(grid, 2))
                .add(attnH.forward(tokens, along(grid, 1)))
                .add(attnT.forward(tokens, along(grid, 0)));
        return grid.unflatten(sum);
    }

    /**
     * The pattern "attend along grid axis {@code axis} (0 = T, 1 = H, 2 = W) only": heads
     * {@code [N, heads, T·H·W, d]} are reshaped to the grid, the axis moved next to the features,
     * the other two axes batched, and dense attention run on lines of length {@code dim(axis)}.
     */
    public static AttentionPattern along(VideoGrid grid, int axis) {
        int a = 2 + axis;   // position of the axis in [N, heads, T, H, W, d]
        int[] order = new int[6];
        int next = 0;
        for (int i = 0; i < 5; i++) {
            if (i != a) {
                order[next++] = i;
            }
        }
        order[4] = a;
        order[5] = 5;
        int[] inverse = new int[6];
        for (int i = 0; i < 6; i++) {
            inverse[order[i]] = i;
        }
        return (q, k, v, dropout) -> {
            Variable lines = ScaledDotProductAttention.attend(
                    grid.split(q).permute(order), grid.split(k).permute(order), grid.split(v).permute(order),
                    null, false, dropout);
            int[] d = q.shape().dims();
            return lines.permute(inverse).reshape(d[0], d[1], d[2], lines.shape().dim(-1));
        };
    }
}
