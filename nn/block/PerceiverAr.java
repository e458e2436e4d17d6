package nn.block;

import autograd.Variable;
import nn.LayerNorm;
import nn.Module;
import nn.ModuleList;
import nn.attention.AttentionPattern;
import nn.attention.MultiHeadAttention;
import tensor.Backend;
import tensor.DType;
import tensor.Generator;
import tensor.Shape;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * The Perceiver AR trunk (Hawthorne et al., "General-purpose, long-context autoregressive modeling
 * with Perceiver AR", 2022). Of an input of length {@code L} ({@code x [N, L, E]}, already
 * embedded with positions), the last {@code M} positions are the latents: latent {@code i} sits at
 * {@code p_i = L − M + i}.
 * <pre>
 *   z = x[:, L−M:] + cross_attn(ln_q(x[:, L−M:]), ln_kv(x))     latent i sees input j iff j ≤ p_i
 *   z = z + cross_mlp(ln_mlp(z))
 *   z = block_l(z)   for l = 1 … layers                        causal self-attention over latents only
 * </pre>
 * Output {@code [N, M, E]}: row {@code i} carries the prediction for position {@code p_i + 1}.
 * The cross-attention costs {@code L·M} and the stack {@code M²·layers}, never {@code L²}.
 *
 * <p>The cross-attention mask is the bottom-right aligned causal mask (queries are the last
 * {@code M} of the {@code L} keys). In training, {@code prefixDropout} removes that fraction of
 * the prefix positions {@code j < L − M} from the cross-attention, a fresh random subset for each
 * sequence (as the paper's context dropout; fewer keys, so training is cheaper too). Every
 * latent sees every prefix position, so dropping some keeps the mask bottom-right causal.
 *
 * <p>Names: {@code cross_attn.{ln_q, ln_kv, attn, ln_mlp, mlp}.*}, {@code blocks.<l>.*} ({@link GptBlock}).
 */
public final class PerceiverAr extends Module {
    public final CrossAttend crossAttn;
    public final ModuleList<GptBlock> blocks;
    private final int latents;
    private final double prefixDropout;
    private final Generator prefixStream;

    /** The cross-attending layer: pre-norm on queries and on keys/values, then a pre-norm MLP. */
    public static final class CrossAttend extends Module {
        public final LayerNorm lnQ;
        public final LayerNorm lnKv;
        public final MultiHeadAttention attn;
        public final LayerNorm lnMlp;
        public final Mlp mlp;

        CrossAttend(MultiHeadAttention.Config config, Generator init, Generator dropoutStream) {
            int e = config.embedDim();
            lnQ = child("ln_q", new LayerNorm(e));
            lnKv = child("ln_kv", new LayerNorm(e));
            attn = child("attn", new MultiHeadAttention(config, init, dropoutStream));
            lnMlp = child("ln_mlp", new LayerNorm(e));
            mlp = child("mlp", new Mlp(e, 4 * e, false, init));
        }

        Variable forward(Variable latents, Variable context) {
            Variable z = latents.add(attn.forward(lnQ.forward(latents), lnKv.forward(context), AttentionPattern.CAUSAL));
            return z.add(mlp.forward(lnMlp.forward(z)));
        }
    }

    /**
     * @param attention     width, heads, attention dropout of every attention
     * @param latents       {@code M}, the number of latent positions
     * @param layers        self-attention blocks over the latents
     * @param prefixDropout fraction of prefix positions dropped from the cross-attention in training, in [0, 1)
     * @param streams       draws prefix and attention dropout (may be null when both are 0)
     */
    public PerceiverAr(MultiHeadAttention.Config attention, int latents, int layers, double prefixDropout,
                       Generator init, Generator streams) {
        if (latents <= 0 || layers < 0) {
            throw new IllegalArgumentException("PerceiverAr: needs latents > 0 and layers ≥ 0, got " + latents + ", " + layers);
        }
        if (!(prefixDropout >= 0 && prefixDropout < 1) || (prefixDropout > 0 && streams == null)) {
            throw new IllegalArgumentException("PerceiverAr: prefix dropout must be in [0, 1) (with a generator), got "
                    + prefixDropout);
        }
        this.latents = latents;
        this.prefixDropout = prefixDropout;
        this.prefixStream = streams;
        this.crossAttn = child("cross_attn", new CrossAttend(attention, init, streams));
        this.blocks = child("blocks", new ModuleList<>());
        for (int l = 0; l < layers; l++) {
            blocks.add(new GptBlock(attention, init, streams));
        }
    }

    public int latents() {
        return latents;
    }

    /** {@code x [N, L, E]} with {@code L ≥ M} → latents {@code [N, M, E]}. */
    public Variable forward(Variable x) {
        if (x.shape().rank() != 3 || x.shape().dim(1) < latents) {
            throw new ShapeException("PerceiverAr", "input must be [N, L, E] with L ≥ " + latents
                    + " latents, got " + x.shape() + " (sequence axis 1)");
        }
        int length = x.shape().dim(1);
        Variable query = x.slice(1, length - latents, length);
        Variable z = crossAttn.forward(query, keptContext(x, length - latents));
        for (GptBlock block : blocks) {
            z = block.forward(z);
        }
        return z;
    }

    /** All of {@code x}, or in training with prefix dropout, a random subset of the prefix then the latents. */
    private Variable keptContext(Variable x, int prefix) {
        int dropped = (int) (prefix * prefixDropout);
        if (!isTraining() || dropped == 0) {
            return x;
        }
        int n = x.shape().dim(0);
        int e = x.shape().dim(2);
        int kept = prefix - dropped;
        Tensor chosen = randomSubset(x.value().backend(), n, prefix, kept);     // [N, kept] I32
        Variable keptPrefix = x.slice(1, 0, prefix).gather(1, chosen.reshape(n, kept, 1).expand(n, kept, e));
        return Variable.concat(1, keptPrefix, x.slice(1, prefix, x.shape().dim(1)));
    }

    /** For each of {@code n} rows, {@code k} distinct positions of {@code [0, prefix)}: the top-k of uniform draws. */
    private Tensor randomSubset(Backend backend, int n, int prefix, int k) {
        Tensor u = Tensor.empty(backend, DType.F32, Shape.of(n, prefix));
        backend.randomUniform(u, prefixStream.seed(), prefixStream.stream(), prefixStream.reserve(u.numel()));
        return u.topk(k, 1, true).indices();
    }
}
