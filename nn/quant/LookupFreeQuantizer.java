package nn.quant;

import autograd.Variable;
import nn.Buffer;
import nn.Module;
import tensor.MemoryScope;
import tensor.Shape;
import tensor.Tensor;

/**
 * Lookup-free quantization, LFQ (MAGVIT-v2: Yu et al., "Language Model Beats Diffusion — Tokenizer
 * is Key to Visual Generation", 2023): each of the {@code d} channels of a latent is one bit,
 * {@code q = where(x > 0, +1, −1)}; the codebook is the {@code 2^d} corners of the cube and is never
 * stored as learned vectors.
 *
 * <ul>
 *   <li>Token: {@code Σ_k bit_k · 2^k} with {@code bit_k = [x_k > 0]} — <b>bit k is channel k</b>
 *       (channel 0 the least significant bit). lucidrains' vector-quantize-pytorch orders the bits
 *       the other way (channel 0 most significant); tokens differ, quantized values do not.</li>
 *   <li>Straight-through: the output is {@code x + sg(q − x)} (its value is {@code q}, its gradient
 *       the identity).</li>
 *   <li>Commitment: {@code mean((x − sg(q))²)} (over tokens and bits).</li>
 *   <li>Entropy loss over the full codebook: for each token the logits {@code 2·x·cᵀ/τ} for every
 *       code {@code c ∈ {−1, +1}^d} (τ = 0.01); {@code per_sample = mean_tokens H(softmax(logits))};
 *       {@code codebook = H(mean_tokens softmax(logits))}; {@code aux = per_sample − γ·codebook}.
 *       Minimising it makes each token confident and the batch spread over many codes.
 *       {@code H(p̄)} is computed from {@code log p̄ = logsumexp_tokens(log p) − log M}, exactly and
 *       without clamping.</li>
 *   <li>Loss (training): {@code entropyWeight·aux + commitmentWeight·commitment}; in evaluation
 *       mode only the quantization runs and the losses are zero.</li>
 * </ul>
 *
 * <p>Memory: the entropy loss holds {@code tokens × 2^d} probabilities, so {@code d} is limited to
 * 16 (65,536 codes); MAGVIT-v2 uses 18 bits by factoring the codebook, which this layer does not.
 * Keep {@code d ≤ 12} for sizeable batches. A {@code GroupNorm} without affine before LFQ helps.
 *
 * <p>State: one non-persistent buffer {@code codebook [2^d, d]} (row {@code i} holds the ±1 bits of
 * {@code i}), as in vector-quantize-pytorch; the state dict is empty.
 */
public final class LookupFreeQuantizer extends Module {
    /** The largest number of bits: the entropy loss materialises {@code tokens × 2^bits} values. */
    public static final int MAX_BITS = 16;

    /**
     * @param bits             {@code d}, 1 to {@value #MAX_BITS}
     * @param temperature      τ of the entropy logits
     * @param diversityGamma   γ, the weight of the codebook entropy (MAGVIT-v2's tokenizer uses 2.5)
     * @param entropyWeight    weight of {@code aux} in the loss
     * @param commitmentWeight weight of the commitment loss (vector-quantize-pytorch's default)
     */
    public record Config(int bits, double temperature, double diversityGamma, double entropyWeight, double commitmentWeight) {
        public Config {
            if (bits < 1 || bits > MAX_BITS) {
                throw new IllegalArgumentException("LookupFreeQuantizer: bits must be in [1, " + MAX_BITS + "], got " + bits
                        + "; the entropy loss needs tokens × 2^bits values (2^" + bits + " codes per token)");
            }
            if (!(temperature > 0)) {
                throw new IllegalArgumentException("LookupFreeQuantizer: temperature must be > 0, got " + temperature);
            }
        }

        /** τ 0.01, γ 1.0, entropy weight 0.1, commitment weight 0.25. */
        public static Config of(int bits) {
            return new Config(bits, 0.01, 1.0, 0.1, 0.25);
        }

        public Config withDiversityGamma(double gamma) {
            return new Config(bits, temperature, gamma, entropyWeight, commitmentWeight);
        }
    }

    /**
     * What one forward pass gives.
     *
     * @param quantized        {@code [N, d, …]}, the ±1 values with a straight-through gradient
     * @param codes            I32 {@code [N, …]}
     * @param loss             the weighted total (zero in evaluation)
     * @param commitment       {@code mean((x − sg(q))²)}
     * @param entropyAux       {@code per_sample − γ·codebook}
     * @param perSampleEntropy mean per-token entropy (nats)
     * @param codebookEntropy  entropy of the batch-mean distribution (nats; at most {@code d·ln 2})
     */
    public record Result(Variable quantized, Tensor codes, Variable loss, Variable commitment, Variable entropyAux,
                         Variable perSampleEntropy, Variable codebookEntropy, int codebookSize) {
        /** Which codes the batch used (utilisation: {@code usage().usedFraction()}). */
        public CodeUsage usage() {
            return CodeUsage.of(codes, codebookSize);
        }
    }

    /** The two entropies of the batch, and {@code aux = perSample − γ·codebook}. */
    public record Entropy(Variable perSample, Variable codebook, Variable aux) {
    }

    private final Config config;
    private final Buffer codebook;

    public LookupFreeQuantizer(Config config) {
        this.config = config;
        this.codebook = buffer("codebook", corners(config.bits()), false);
    }

    public LookupFreeQuantizer(int bits) {
        this(Config.of(bits));
    }

    public Config config() {
        return config;
    }

    public int codebookSize() {
        return 1 << config.bits();
    }

    /** {@code [2^d, d]}: row {@code i}, column {@code k} is {@code +1} when bit {@code k} of {@code i} is set, else {@code −1}. */
    public static Tensor corners(int bits) {
        int size = 1 << bits;
        float[] c = new float[size * bits];
        for (int i = 0; i < size; i++) {
            for (int k = 0; k < bits; k++) {
                c[i * bits + k] = ((i >> k) & 1) == 1 ? 1 : -1;
            }
        }
        return Tensor.of(c, size, bits);
    }

    public Result forward(Variable x) {
        TokenGrid grid = TokenGrid.of("LookupFreeQuantizer", x, config.bits());
        Variable rows = grid.toRows(x);
        Tensor positive = rows.value().gt(0);
        Tensor q = positive.to(rows.dtype()).mul(2).sub(1);
        Variable quantizedRows = rows.add(Variable.constant(q).sub(rows).detach());
        Tensor codes = codesOf(positive).reshape(grid.codeShape());
        Variable quantized = grid.fromRows(quantizedRows);
        Variable zero = Variable.constant(Tensor.empty(q.backend(), q.dtype(), Shape.scalar()).fullLike(0));
        if (!isTraining()) {
            return new Result(quantized, codes, zero, zero, zero, zero, zero, codebookSize());
        }
        Variable commitment = rows.sub(Variable.constant(q)).square().mean();
        Entropy entropy = entropy(rows, codebook.value(), config.temperature(), config.diversityGamma());
        Variable loss = entropy.aux().mul(config.entropyWeight()).add(commitment.mul(config.commitmentWeight()));
        return new Result(quantized, codes, loss, commitment, entropy.aux(), entropy.perSample(), entropy.codebook(),
                codebookSize());
    }

    /** Tokens from the sign mask {@code [M, d]} (I32 0/1): {@code Σ_k bit_k·2^k}. */
    static Tensor codesOf(Tensor positive) {
        int bits = positive.dim(1);
        int[] powers = new int[bits];
        for (int k = 0; k < bits; k++) {
            powers[k] = 1 << k;
        }
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor weights = Tensor.of(powers, bits).to(positive.backend());
            return scope.keep(positive.mul(weights).sum(1));
        }
    }

    /** The ±1 values {@code [N, d, …]} of codes {@code [N, …]} (I32): the inverse of quantization's tokens. */
    public Tensor dequantize(Tensor codes) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor rows = Tensor.embedding(codebook.value(), codes);   // [N, …, d]
            int[] order = new int[rows.rank()];
            order[0] = 0;
            order[1] = rows.rank() - 1;
            for (int a = 2; a < order.length; a++) {
                order[a] = a - 1;
            }
            return scope.keep(rows.permute(order));
        }
    }

    /**
     * The entropy terms of LFQ for tokens {@code rows [M, d]} against the corners {@code codebook
     * [2^d, d]}: logits {@code 2·rows·codebookᵀ/τ}, {@code log p = logSoftmax(logits)},
     * {@code perSample = −mean_m Σ_c p log p}, {@code log p̄ = logsumexp_m(log p) − log M},
     * {@code codebook = −Σ_c p̄ log p̄}, {@code aux = perSample − γ·codebook}.
     */
    public static Entropy entropy(Variable rows, Tensor codebook, double temperature, double gamma) {
        int tokens = rows.shape().dim(0);
        Variable logits = Variable.matmul(rows, Variable.constant(codebook), false, true).mul(2 / temperature);
        Variable logP = logits.logSoftmax(1);
        Variable perSample = logP.exp().mul(logP).sum(1).mean().neg();
        Variable logMean = logP.logsumexp(0).sub(Math.log(tokens));
        Variable codebookEntropy = logMean.exp().mul(logMean).sum().neg();
        return new Entropy(perSample, codebookEntropy, perSample.sub(codebookEntropy.mul(gamma)));
    }

    @Override
    public String toString() {
        return "LookupFreeQuantizer(" + config + ")";
    }
}
