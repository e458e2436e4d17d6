package nn.block;

import autograd.Variable;
import nn.Module;
import nn.RMSNorm;
import nn.attention.AttentionPattern;
import nn.attention.KvCache;
import nn.attention.MultiHeadAttention;
import nn.attention.RotaryEmbedding;
import tensor.Generator;

/**
 * A Llama decoder block (Touvron et al., "LLaMA", 2023), pre-norm with RMSNorm, rotary positions,
 * no biases, a SwiGLU feed-forward:
 * <pre>
 *   x = x + self_attn(input_layernorm(x))        causal, RoPE on q and k (interleaved pairs)
 *   x = x + mlp(post_attention_layernorm(x))     down(SiLU(gate(x)) ⊙ up(x))
 * </pre>
 * on {@code x [N, L, E]}. Parameter names are Hugging Face's: {@code input_layernorm.weight},
 * {@code self_attn.{q,k,v,o}_proj.weight}, {@code post_attention_layernorm.weight},
 * {@code mlp.{gate,up,down}_proj.weight} (Meta's: {@code attention_norm}, {@code attention.wq…wo},
 * {@code ffn_norm}, {@code feed_forward.w1, w3, w2}). Hugging Face's q/k weights are permuted for
 * half-split RoPE: convert them with {@link nn.attention.RotaryEmbedding#interleavedRows}.
 */
public final class LlamaBlock extends Module {
    public final RMSNorm inputLayernorm;
    public final MultiHeadAttention selfAttn;
    public final RMSNorm postAttentionLayernorm;
    public final SwiGlu mlp;

    /** With Llama's RoPE base, 10000. */
    public LlamaBlock(int embedDim, int heads, int hidden, double eps, Generator init) {
        this(embedDim, heads, hidden, eps, RotaryEmbedding.DEFAULT_BASE, init);
    }

    /**
     * @param hidden    the SwiGLU width (Llama: about {@code 8E/3}, rounded up to a multiple of 256)
     * @param eps       RMSNorm's epsilon (1e-6 in Llama, 1e-5 in Llama 2)
     * @param ropeTheta the rotary embedding's base (10000 in Llama and Llama 2, 500000 in Llama 3)
     */
    public LlamaBlock(int embedDim, int heads, int hidden, double eps, double ropeTheta, Generator init) {
        this.inputLayernorm = child("input_layernorm", new RMSNorm(embedDim, eps));
        this.selfAttn = child("self_attn", new MultiHeadAttention(MultiHeadAttention.Config.of(embedDim, heads)
                .withBias(false).withRotary(true).withRopeTheta(ropeTheta), init));
        this.postAttentionLayernorm = child("post_attention_layernorm", new RMSNorm(embedDim, eps));
        this.mlp = child("mlp", new SwiGlu(embedDim, hidden, init));
    }

    /** Causal self-attention block over {@code x [N, L, E]} (positions 0 … L−1). */
    public Variable forward(Variable x) {
        Variable h = x.add(selfAttn.forward(inputLayernorm.forward(x), AttentionPattern.CAUSAL));
        return h.add(mlp.forward(postAttentionLayernorm.forward(h)));
    }

    /** One sampling step: the new tokens sit at positions {@code cache.length()} onwards. */
    public Variable forward(Variable x, KvCache cache) {
        Variable h = x.add(selfAttn.forward(inputLayernorm.forward(x), cache));
        return h.add(mlp.forward(postAttentionLayernorm.forward(h)));
    }
}
