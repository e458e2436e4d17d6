package video.vidicl;

import autograd.Grad;
import autograd.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import nn.Buffer;
import nn.Embedding;
import nn.Linear;
import nn.Module;
import nn.ModuleList;
import nn.RMSNorm;
import nn.attention.KvCache;
import nn.attention.RotaryEmbedding;
import nn.block.LlamaBlock;
import nn.quant.LookupFreeQuantizer;
import tensor.DType;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * The video transformer of Vid-ICL (Zhang et al., "Video In-Context Learning", 2024): a Llama-style
 * decoder (Touvron et al., 2023) over the discrete tokens of a video tokenizer.
 * <pre>
 *   tokens [N, L]  (frame after frame, each frame's tokens in raster order, NO separator tokens)
 *   h = embed_tokens(tokens)                              [N, L, width]
 *   h = layers.i(h)              for i = 0 … layers−1      LlamaBlock: RMSNorm, causal attention with RoPE, SwiGLU
 *   logits = lm_head(norm(h))                             [N, L, vocabulary]   (head not tied to the embedding)
 *   loss = mean_i CE(logits_i, tokens_{i+1})             next-token prediction
 * </pre>
 * In-context generation ({@link #continueInContext}): the tokens of k demonstration clips, then the
 * tokens of the query clip, one flat sequence; the model continues for F frames' worth of tokens.
 *
 * <h2>Code bits ({@link Config#codeBits})</h2>
 * A lookup-free quantizer's token {@code c} is the corner {@code s(c) ∈ {−1, +1}^d} of a cube
 * (bit {@code k} of {@code c} set ⇔ {@code s_k(c) = +1}; vocabulary {@code 2^d}), and two codes that
 * share most bits describe similar content. A plain table and head see {@code 2^d} unrelated ids, so
 * each rare code is learnt from its own few occurrences. With code bits on, the model also reads and
 * writes the bits, so what it learns about one code carries over to the codes near it:
 * <pre>
 *   h = embed_tokens(c) + embed_bits(s(c))                embed_bits: Linear(d → width), no bias
 *   logits_c = lm_head(x)_c + s(c) · lm_head_bits(x)      lm_head_bits: Linear(width → d), no bias;  x = norm(h)
 * </pre>
 * The second term is a log-linear model of the bits (each bit's logit adds {@code ±} its score), so the
 * head is the full softmax plus a factorised prior over the code's bits. MAGVIT-v2 (Yu et al., 2024)
 * and Open-MAGVIT2 (Luo et al., 2024) factorise their 2^18-code LFQ vocabularies into groups of bits
 * for the same reason; here the free table and head are kept and the bit terms are added to them.
 *
 * <h2>Names</h2>
 * Hugging Face's {@code LlamaForCausalLM} without its {@code model.} prefix: {@code embed_tokens.weight},
 * {@code layers.i.…} ({@link LlamaBlock}), {@code norm.weight}, {@code lm_head.weight}; with code bits
 * also {@code embed_bits.weight [width, d]} and {@code lm_head_bits.weight [d, width]}, which Llama has no
 * counterpart for (the ±1 table is a non-persistent buffer, not saved).
 *
 * <h2>Positions beyond the trained context</h2>
 * RoPE itself has no length limit, but a model trained on sequences of at most {@link Config#context}
 * tokens has never seen larger relative distances, and its predictions there are not to be trusted.
 * So every entry point refuses a sequence longer than {@code context} with an error that names the
 * lengths (for in-context generation: use fewer or shorter demonstrations, or fewer frames), rather
 * than sliding a window that would silently drop the demonstrations.
 */
public final class VidIclTransformer extends Module {

    /**
     * @param vocabulary the tokenizer's codebook size
     * @param width      the model width {@code E}
     * @param layers     the number of Llama blocks
     * @param heads      attention heads per block (must divide {@code width}; {@code width/heads} even for RoPE)
     * @param hidden     the SwiGLU hidden width
     * @param context    the longest sequence the model accepts (what it is trained on)
     * @param eps        RMSNorm's epsilon
     * @param ropeTheta  the rotary embedding's base (Hugging Face's {@code rope_theta})
     */
    public record Config(int vocabulary, int width, int layers, int heads, int hidden, int context, double eps,
                         double ropeTheta, boolean codeBits) {
        public Config {
            require(vocabulary >= 2, "vocabulary must be at least 2, got " + vocabulary);
            require(width > 0 && layers > 0 && hidden > 0 && context > 0,
                    "width, layers, hidden and context must be positive, got " + width + ", " + layers + ", " + hidden
                            + ", " + context);
            require(heads > 0 && width % heads == 0 && (width / heads) % 2 == 0,
                    "heads (" + heads + ") must divide width (" + width + ") into an even head dimension (for RoPE)");
            require(eps > 0, "eps must be positive, got " + eps);
            require(ropeTheta > 1, "rope_theta must be greater than 1, got " + ropeTheta);
            require(!codeBits || Integer.bitCount(vocabulary) == 1,
                    "code bits need a vocabulary that is a power of two (2^d codes of d bits), got " + vocabulary);
        }

        /** With Llama's RMSNorm epsilon, 1e-6, and RoPE base, 10000. */
        public static Config of(int vocabulary, int width, int layers, int heads, int hidden, int context) {
            return new Config(vocabulary, width, layers, heads, hidden, context, RMSNorm.DEFAULT_EPS,
                    RotaryEmbedding.DEFAULT_BASE, false);
        }

        public Config withRopeTheta(double theta) {
            return new Config(vocabulary, width, layers, heads, hidden, context, eps, theta, codeBits);
        }

        /** The same model reading and writing the bits of its tokens too (see the class comment). */
        public Config withCodeBits(boolean on) {
            return new Config(vocabulary, width, layers, heads, hidden, context, eps, ropeTheta, on);
        }

        /** {@code d} with {@code vocabulary = 2^d}, the bits of a token when {@link #codeBits} is on. */
        public int bits() {
            return Integer.numberOfTrailingZeros(vocabulary);
        }

        private static void require(boolean ok, String problem) {
            if (!ok) {
                throw new IllegalArgumentException("VidIclTransformer.Config: " + problem);
            }
        }
    }

    public final Embedding embedTokens;
    public final ModuleList<LlamaBlock> layers;
    public final RMSNorm norm;
    public final Linear lmHead;
    /** With {@link Config#codeBits}: the bits' embedding and head, and the ±1 bits of every code {@code [vocabulary, d]}; else null. */
    public final Linear embedBits;
    public final Linear lmHeadBits;
    private final Buffer codeSigns;
    private final Config config;

    /** @param init draws the initial weights: embedding, then each block, then the head, then the bits' embedding and head */
    public VidIclTransformer(Config config, Generator init) {
        this.config = config;
        this.embedTokens = child("embed_tokens", new Embedding(config.vocabulary(), config.width(), init));
        this.layers = child("layers", new ModuleList<>());
        for (int i = 0; i < config.layers(); i++) {
            layers.add(new LlamaBlock(config.width(), config.heads(), config.hidden(), config.eps(), config.ropeTheta(), init));
        }
        this.norm = child("norm", new RMSNorm(config.width(), config.eps()));
        this.lmHead = child("lm_head", new Linear(config.width(), config.vocabulary(), false, init));
        if (config.codeBits()) {
            this.embedBits = child("embed_bits", new Linear(config.bits(), config.width(), false, init));
            this.lmHeadBits = child("lm_head_bits", new Linear(config.width(), config.bits(), false, init));
            this.codeSigns = buffer("code_signs", LookupFreeQuantizer.corners(config.bits()), false);
        } else {
            this.embedBits = null;
            this.lmHeadBits = null;
            this.codeSigns = null;
        }
    }

    public Config config() {
        return config;
    }

    // ---- training ------------------------------------------------------------------------------

    /** Logits {@code [N, L, vocabulary]} for I32 {@code tokens [N, L]}; position i sees tokens ≤ i only. */
    public Variable forward(Tensor tokens) {
        checkTokens("forward", tokens, 0);
        Variable h = embed(tokens);
        for (LlamaBlock block : layers) {
            h = block.forward(h);
        }
        return head(norm.forward(h));
    }

    /** {@code [..., width]} for I32 ids {@code [...]}: the table's rows, plus the bits' embedding with code bits on. */
    private Variable embed(Tensor tokens) {
        Variable rows = embedTokens.forward(tokens);
        if (embedBits == null) {
            return rows;
        }
        return rows.add(embedBits.forward(Variable.constant(Tensor.embedding(codeSigns.value(), tokens))));
    }

    /** Logits {@code [..., vocabulary]} of normalised states {@code [..., width]}: the head, plus the bits' log-linear term. */
    private Variable head(Variable normed) {
        Variable logits = lmHead.forward(normed);
        if (lmHeadBits == null) {
            return logits;
        }
        return logits.add(Linear.apply(lmHeadBits.forward(normed), Variable.constant(codeSigns.value()), null));
    }

    /**
     * Next-token cross-entropy on {@code sequences [N, L+1]}: the model reads tokens {@code 0 … L−1}
     * and is scored on predicting tokens {@code 1 … L}, averaged over all {@code N·L} predictions.
     */
    public Variable loss(Tensor sequences) {
        checkTokens("loss", sequences, 1);
        int length = sequences.dim(1) - 1;
        Variable logits = forward(sequences.slice(1, 0, length));
        Tensor targets = sequences.slice(1, 1, length + 1).contiguous().reshape(-1, 1);     // [N·L, 1]
        Variable logProbs = logits.reshape(-1, config.vocabulary()).logSoftmax(1);             // [N·L, V]
        return logProbs.gather(1, targets).mean().neg();
    }

    // ---- generation ----------------------------------------------------------------------------

    /**
     * In-context continuation: the prompt is the demonstrations' tokens, one clip after another,
     * then the query's ({@link #inContextPrompt}); the model generates {@code frames · tokensPerFrame}
     * tokens after it. Returns them as {@code [N, frames·tokensPerFrame]} I32 on the current device.
     */
    public Tensor continueInContext(List<Tensor> demonstrations, Tensor query, int frames, int tokensPerFrame,
                                    Sampling sampling, Generator gen) {
        if (frames < 1 || tokensPerFrame < 1) {
            throw new IllegalArgumentException("continueInContext: frames and tokensPerFrame must be positive, got "
                    + frames + " and " + tokensPerFrame);
        }
        try (Tensor prompt = inContextPrompt(demonstrations, query)) {
            return generate(prompt, frames * tokensPerFrame, sampling, gen);
        }
    }

    /**
     * The sequence the model reads for in-context generation: each demonstration's tokens, then the
     * query's, concatenated along the sequence with nothing in between. Each is I32
     * {@code [N, ...]} (e.g. {@code [N, frames, tokensPerFrame]} from a tokenizer), flattened per
     * example in row-major order; the result is {@code [N, Σ lengths]}.
     */
    public static Tensor inContextPrompt(List<Tensor> demonstrations, Tensor query) {
        List<Tensor> parts = new ArrayList<>();
        for (Tensor clip : demonstrations) {
            parts.add(flatPerExample(clip, query.dim(0)));
        }
        parts.add(flatPerExample(query, query.dim(0)));
        return Tensor.concat(1, parts);
    }

    private static Tensor flatPerExample(Tensor tokens, int batch) {
        if (tokens.dtype() != DType.I32 || tokens.rank() < 2 || tokens.dim(0) != batch) {
            throw new ShapeException("inContextPrompt", "every clip's tokens must be I32 [" + batch
                    + ", ...] (batch axis 0), got " + tokens.dtype() + " " + tokens.shape());
        }
        return tokens.reshape(batch, -1);
    }

    /**
     * Autoregressive sampling with the key/value cache: the whole {@code prompt [N, P]} is run in
     * one chunk (filling each block's cache), then each new token alone at the next position.
     * Returns the {@code count} new tokens, {@code [N, count]} I32 on the current device. Runs in evaluation
     * mode, without recording gradients.
     */
    public Tensor generate(Tensor prompt, int count, Sampling sampling, Generator gen) {
        checkGeneration(prompt, count);
        int n = prompt.dim(0);
        int[][] out = new int[n][count];
        List<KvCache> caches = new ArrayList<>();
        boolean wasTraining = isTraining();
        eval();
        try (Grad.Mode off = Grad.noGrad()) {
            layers.forEach(block -> caches.add(new KvCache()));
            int[] previous = null;
            for (int s = 0; s < count; s++) {
                try (MemoryScope step = MemoryScope.open()) {
                    Tensor input = previous == null ? prompt : Tensor.of(previous, n, 1);
                    Variable h = embed(Placement.onBackendOf(input, embedTokens.weight.value()));
                    for (int i = 0; i < layers.size(); i++) {
                        h = layers.get(i).forward(h, caches.get(i));
                    }
                    previous = drawAfterLast(h, sampling, gen);
                    record(out, s, previous);
                }
            }
        } finally {
            caches.forEach(KvCache::close);
            train(wasTraining);
        }
        return tokens(out);
    }

    /**
     * The same draws as {@link #generate}, computed the slow way: every step runs the whole
     * sequence so far through {@link #forward} (no cache). The reference the cache is tested against.
     */
    public Tensor generateByRecomputation(Tensor prompt, int count, Sampling sampling, Generator gen) {
        checkGeneration(prompt, count);
        int n = prompt.dim(0);
        int[][] out = new int[n][count];
        int[] sequence = prompt.toIntArray();
        int length = prompt.dim(1);
        boolean wasTraining = isTraining();
        eval();
        try (Grad.Mode off = Grad.noGrad()) {
            for (int s = 0; s < count; s++) {
                try (MemoryScope step = MemoryScope.open()) {
                    Tensor tokens = Placement.onBackendOf(Tensor.of(sequence, n, length), embedTokens.weight.value());
                    Variable h = embed(tokens);
                    for (LlamaBlock block : layers) {
                        h = block.forward(h);
                    }
                    int[] next = drawAfterLast(h, sampling, gen);
                    record(out, s, next);
                    sequence = appended(sequence, n, length, next);
                    length++;
                }
            }
        } finally {
            train(wasTraining);
        }
        return tokens(out);
    }

    /** Draws the token that follows the last position of the hidden states {@code h [N, L, E]}. */
    private int[] drawAfterLast(Variable h, Sampling sampling, Generator gen) {
        int length = h.shape().dim(1);
        Variable last = h.slice(1, length - 1, length).reshape(h.shape().dim(0), config.width());
        Tensor logits = head(norm.forward(last)).value();
        return sampling.draw(logits, gen).toIntArray();
    }

    private static void record(int[][] out, int step, int[] next) {
        for (int b = 0; b < out.length; b++) {
            out[b][step] = next[b];
        }
    }

    private static int[] appended(int[] sequence, int n, int length, int[] next) {
        int[] longer = new int[n * (length + 1)];
        for (int b = 0; b < n; b++) {
            System.arraycopy(sequence, b * length, longer, b * (length + 1), length);
            longer[b * (length + 1) + length] = next[b];
        }
        return longer;
    }

    private static Tensor tokens(int[][] out) {
        return Tensor.of(Arrays.stream(out).flatMapToInt(Arrays::stream).toArray(), out.length, out[0].length);
    }

    private void checkGeneration(Tensor prompt, int count) {
        checkTokens("generate", prompt, 0);
        if (count < 1) {
            throw new IllegalArgumentException("generate: the number of new tokens must be positive, got " + count);
        }
        if (prompt.dim(1) + count > config.context()) {
            throw new IllegalArgumentException("generate: a prompt of " + prompt.dim(1) + " tokens plus " + count
                    + " new ones makes " + (prompt.dim(1) + count) + " positions, beyond the trained context of "
                    + config.context() + " (use fewer or shorter demonstrations, or generate fewer frames)");
        }
    }

    /** I32 {@code [N, L]} with {@code 1 ≤ L − extra ≤ context} and ids inside the vocabulary. */
    private void checkTokens(String op, Tensor tokens, int extra) {
        if (tokens.dtype() != DType.I32 || tokens.rank() != 2 || tokens.dim(1) <= extra) {
            throw new ShapeException(op, "tokens must be I32 [N, L" + (extra > 0 ? " + " + extra : "")
                    + "] with L ≥ 1, got " + tokens.dtype() + " " + tokens.shape());
        }
        int length = tokens.dim(1) - extra;
        if (length > config.context()) {
            throw new IllegalArgumentException(op + ": " + length + " positions exceed the trained context of "
                    + config.context() + " tokens (sequence axis 1 of " + tokens.shape() + ")");
        }
    }

    @Override
    public String toString() {
        return "VidIclTransformer(" + config + ", " + numParameters() + " parameters)";
    }
}
