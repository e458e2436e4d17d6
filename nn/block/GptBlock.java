package nn.block;

import autograd.Variable;
import nn.LayerNorm;
import nn.Module;
import nn.attention.AttentionPattern;
import nn.attention.KvCache;
import nn.attention.MultiHeadAttention;
import tensor.Generator;

/**
 * A pre-norm GPT block (Radford et al., GPT-2, 2019):
 * <pre>
 *   x = x + attn(ln_1(x))        causal multi-head self-attention
 *   x = x + mlp(ln_2(x))         GELU, hidden 4E
 * </pre>
 * on {@code x [N, L, E]}. Parameter names: {@code ln_1.*}, {@code attn.{q,k,v,o}_proj.*},
 * {@code ln_2.*}, {@code mlp.c_fc.*}, {@code mlp.c_proj.*}. Hugging Face's GPT-2 fuses the
 * attention input projections into {@code attn.c_attn} ({@code Conv1D}, weight {@code [E, 3E]}):
 * split it in three along the output axis and transpose each part to get {@code q_proj},
 * {@code k_proj}, {@code v_proj}; its {@code attn.c_proj} is {@code o_proj} (transposed).
 */
public final class GptBlock extends Module {
    public final LayerNorm ln1;
    public final MultiHeadAttention attn;
    public final LayerNorm ln2;
    public final Mlp mlp;

    /**
     * @param attention the attention's width, heads and dropout (with biases, as GPT-2)
     * @param dropoutStream draws attention-dropout masks; may be null without dropout
     */
    public GptBlock(MultiHeadAttention.Config attention, Generator init, Generator dropoutStream) {
        int e = attention.embedDim();
        this.ln1 = child("ln_1", new LayerNorm(e));
        this.attn = child("attn", new MultiHeadAttention(attention, init, dropoutStream));
        this.ln2 = child("ln_2", new LayerNorm(e));
        this.mlp = child("mlp", new Mlp(e, 4 * e, false, init));
    }

    public GptBlock(int embedDim, int heads, Generator init) {
        this(MultiHeadAttention.Config.of(embedDim, heads), init, null);
    }

    /** Causal self-attention block over {@code x [N, L, E]}. */
    public Variable forward(Variable x) {
        return forward(x, AttentionPattern.CAUSAL);
    }

    /** The block with another attention pattern (Perceiver AR's latents use {@code CAUSAL} too). */
    public Variable forward(Variable x, AttentionPattern pattern) {
        Variable h = x.add(attn.forward(ln1.forward(x), pattern));
        return h.add(mlp.forward(ln2.forward(h)));
    }

    /** One sampling step: the new tokens {@code x [N, L_new, E]} attend over {@code cache} and themselves. */
    public Variable forward(Variable x, KvCache cache) {
        Variable h = x.add(attn.forward(ln1.forward(x), cache));
        return h.add(mlp.forward(ln2.forward(h)));
    }
}
