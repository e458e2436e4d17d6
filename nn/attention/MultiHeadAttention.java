package nn.attention;

import autograd.Variable;
import nn.Linear;
import nn.Module;
import tensor.Generator;
import tensor.ShapeException;

/**
 * Multi-head attention (Vaswani et al., 2017): project, split into heads, attend, merge, project:
 * <pre>
 *   Q = x·W_qᵀ (+ b_q),  K = c·W_kᵀ (+ b_k),  V = c·W_vᵀ (+ b_v)      (c = x for self-attention)
 *   head_h = pattern(Q_h, K_h, V_h)                                   (default: softmax(Q_h K_hᵀ/√d + M) V_h)
 *   out = concat_h(head_h)·W_oᵀ (+ b_o)
 * </pre>
 * with {@code x [N, Lq, E]}, {@code c [N, Lk, E_kv]}, {@code heads·d = E}. The {@link AttentionPattern}
 * decides which keys each query sees (dense with a mask, windows, an axis, a 3D neighbourhood).
 *
 * <h2>Parameter names: separate projections, as Hugging Face's Llama</h2>
 * {@code q_proj.weight [E, E]}, {@code k_proj.weight [E, E_kv]}, {@code v_proj.weight [E, E_kv]},
 * {@code o_proj.weight [E, E]} and, with {@code bias}, their {@code .bias [E]}. Separate
 * projections serve self- and cross-attention alike. PyTorch's {@code nn.MultiheadAttention}
 * stacks the first three: its {@code in_proj_weight [3E, E]} is {@code q_proj.weight},
 * {@code k_proj.weight}, {@code v_proj.weight} concatenated on axis 0 (likewise
 * {@code in_proj_bias}), and its {@code out_proj} is {@code o_proj}; split or concatenate to convert.
 *
 * <h2>Rotary positions</h2>
 * With {@code rotary}, queries and keys are rotated per head ({@link RotaryEmbedding}, interleaved
 * pairs). Keys sit at positions {@code 0 … Lk−1} and the queries are the <em>last</em> {@code Lq}
 * of those positions ({@code Lk − Lq + i}), the same bottom-right alignment as the causal mask:
 * right for self-attention, for a {@link KvCache} and for Perceiver AR's latents.
 *
 * <h2>Dropout</h2>
 * On the attention weights, in training mode only, drawing from the generator given at construction.
 */
public final class MultiHeadAttention extends Module {
    public final Linear qProj;
    public final Linear kProj;
    public final Linear vProj;
    public final Linear oProj;
    private final Config config;
    private final RotaryEmbedding rotary;
    private final Generator dropoutStream;

    /**
     * @param embedDim  {@code E}, the width of queries and of the output
     * @param heads     number of heads; must divide {@code E}
     * @param contextDim {@code E_kv}, the width of what keys and values are computed from
     * @param bias      whether the four projections have biases
     * @param rotary    whether queries and keys get rotary position embeddings
     * @param ropeTheta the rotary embedding's base ({@link RotaryEmbedding}; Hugging Face's {@code rope_theta})
     * @param dropout   dropout probability on the attention weights (training mode only)
     */
    public record Config(int embedDim, int heads, int contextDim, boolean bias, boolean rotary, double ropeTheta,
                         double dropout) {
        public Config {
            if (embedDim <= 0 || heads <= 0 || embedDim % heads != 0) {
                throw new IllegalArgumentException("MultiHeadAttention: heads (" + heads
                        + ") must divide the embedding width (" + embedDim + ")");
            }
            if (contextDim <= 0) {
                throw new IllegalArgumentException("MultiHeadAttention: context width must be positive, got " + contextDim);
            }
            if (!(ropeTheta > 1)) {
                throw new IllegalArgumentException("MultiHeadAttention: rope_theta must be greater than 1, got " + ropeTheta);
            }
            if (!(dropout >= 0 && dropout < 1)) {
                throw new IllegalArgumentException("MultiHeadAttention: dropout must be in [0, 1), got " + dropout);
            }
        }

        /** Self-attention with biases, no rotary embedding, no dropout (PyTorch's defaults). */
        public static Config of(int embedDim, int heads) {
            return new Config(embedDim, heads, embedDim, true, false, RotaryEmbedding.DEFAULT_BASE, 0);
        }

        public Config withContextDim(int d) {
            return new Config(embedDim, heads, d, bias, rotary, ropeTheta, dropout);
        }

        public Config withBias(boolean b) {
            return new Config(embedDim, heads, contextDim, b, rotary, ropeTheta, dropout);
        }

        public Config withRotary(boolean r) {
            return new Config(embedDim, heads, contextDim, bias, r, ropeTheta, dropout);
        }

        public Config withRopeTheta(double theta) {
            return new Config(embedDim, heads, contextDim, bias, rotary, theta, dropout);
        }

        public Config withDropout(double p) {
            return new Config(embedDim, heads, contextDim, bias, rotary, ropeTheta, p);
        }

        public int headDim() {
            return embedDim / heads;
        }
    }

    /**
     * @param init          draws the initial weights (PyTorch's Linear defaults), in the order q, k, v, o
     * @param dropoutStream draws the dropout masks; may be null when {@code config.dropout() == 0}
     */
    public MultiHeadAttention(Config config, Generator init, Generator dropoutStream) {
        if (config.dropout() > 0 && dropoutStream == null) {
            throw new IllegalArgumentException("MultiHeadAttention: dropout " + config.dropout() + " needs a generator");
        }
        this.config = config;
        this.qProj = child("q_proj", new Linear(config.embedDim(), config.embedDim(), config.bias(), init));
        this.kProj = child("k_proj", new Linear(config.contextDim(), config.embedDim(), config.bias(), init));
        this.vProj = child("v_proj", new Linear(config.contextDim(), config.embedDim(), config.bias(), init));
        this.oProj = child("o_proj", new Linear(config.embedDim(), config.embedDim(), config.bias(), init));
        this.rotary = config.rotary() ? new RotaryEmbedding(config.headDim(), config.ropeTheta()) : null;
        this.dropoutStream = dropoutStream;
    }

    /** Without dropout. */
    public MultiHeadAttention(Config config, Generator init) {
        this(config, init, null);
    }

    public Config config() {
        return config;
    }

    /** Self-attention of {@code x [N, L, E]} under {@code pattern}. */
    public Variable forward(Variable x, AttentionPattern pattern) {
        return forward(x, x, pattern);
    }

    /** Queries from {@code x [N, Lq, E]}, keys and values from {@code context [N, Lk, E_kv]}. */
    public Variable forward(Variable x, Variable context, AttentionPattern pattern) {
        checkInputs(x, context);
        int lq = x.shape().dim(1);
        int lk = context.shape().dim(1);
        Variable q = rotate(splitHeads(qProj.forward(x)), lk - lq);
        Variable k = rotate(splitHeads(kProj.forward(context)), 0);
        Variable v = splitHeads(vProj.forward(context));
        return oProj.forward(mergeHeads(pattern.attend(q, k, v, dropout())));
    }

    /**
     * One step of autoregressive sampling: causal self-attention of the new tokens
     * {@code x [N, L_new, E]} over everything in {@code cache} and themselves; appends their keys
     * and values to the cache. Equal to {@link #forward(Variable, AttentionPattern)} with
     * {@link AttentionPattern#CAUSAL} over the whole sequence, restricted to the new rows.
     */
    public Variable forward(Variable x, KvCache cache) {
        checkInputs(x, x);
        int position = cache.length();
        Variable q = rotate(splitHeads(qProj.forward(x)), position);
        Variable k = rotate(splitHeads(kProj.forward(x)), position);
        KvCache.Cached all = cache.append(k, splitHeads(vProj.forward(x)));
        Variable heads = AttentionPattern.CAUSAL.attend(q, all.keys(), all.values(), dropout());
        return oProj.forward(mergeHeads(heads));
    }

    private WeightDropout dropout() {
        return isTraining() && config.dropout() > 0 ? new WeightDropout(config.dropout(), dropoutStream) : WeightDropout.NONE;
    }

    private Variable rotate(Variable heads, int offset) {
        return rotary == null ? heads : rotary.apply(heads, offset);
    }

    /** {@code [N, L, heads·d]} → {@code [N, heads, L, d]}. */
    private Variable splitHeads(Variable x) {
        int n = x.shape().dim(0);
        int l = x.shape().dim(1);
        return x.reshape(n, l, config.heads(), config.headDim()).transpose(1, 2);
    }

    /** {@code [N, heads, L, d]} → {@code [N, L, heads·d]}. */
    private Variable mergeHeads(Variable x) {
        int n = x.shape().dim(0);
        int l = x.shape().dim(2);
        return x.transpose(1, 2).reshape(n, l, -1);
    }

    private void checkInputs(Variable x, Variable context) {
        if (x.shape().rank() != 3 || x.shape().dim(2) != config.embedDim()) {
            throw new ShapeException("MultiHeadAttention", "queries must be [N, L, " + config.embedDim() + "], got "
                    + x.shape() + " (feature axis 2)");
        }
        if (context.shape().rank() != 3 || context.shape().dim(2) != config.contextDim()
                || context.shape().dim(0) != x.shape().dim(0)) {
            throw new ShapeException("MultiHeadAttention", "context must be [" + x.shape().dim(0) + ", L, "
                    + config.contextDim() + "], got " + context.shape() + " (batch axis 0, feature axis 2)");
        }
    }

    @Override
    public String toString() {
        return "MultiHeadAttention(" + config + ")";
    }
}
