package nn.quant;

import autograd.Variable;
import nn.Buffer;
import nn.Module;
import tensor.DType;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * Vector quantization (VQ-VAE: van den Oord et al., "Neural Discrete Representation Learning",
 * 2017; with VideoGPT's EMA codebook and dead-code restarts, Yan et al. 2021). Each token
 * {@code z} (a row of the {@code D} channels of {@code [N, D, …]}) is replaced by its nearest code
 * vector {@code e} in L2.
 *
 * <ul>
 *   <li>Nearest code: {@code argmin_k (‖e_k‖² − 2·z·e_k)}, i.e. {@code ‖z − e_k‖²} without the
 *       {@code ‖z‖²} term that is the same for every {@code k}; one matmul {@code [M, D]·[D, K]}, so the
 *       {@code M × K} score matrix is the only large intermediate.</li>
 *   <li>Straight-through: the output is {@code z + sg(e − z)}.</li>
 *   <li>Losses (means over tokens and channels, as {@code F.mse_loss}): commitment
 *       {@code β·‖z − sg(e)‖²} (β 0.25); with {@link Update#LOSS} also the codebook loss
 *       {@code ‖sg(z) − e‖²}.</li>
 *   <li>{@link Update#EMA} (training only): with {@code n_k} the tokens that chose code {@code k}
 *       and {@code s_k} their sum, {@code N ← γN + (1−γ)n}, {@code S ← γS + (1−γ)s} (decay γ 0.99),
 *       then Laplace smoothing {@code Ñ_k = (N_k + ε)/(ΣN + K·ε)·ΣN} (ε 1e-5) and {@code e_k = S_k/Ñ_k}.
 *       {@code N} starts at ones and {@code S} at the initial codebook, as in VideoGPT, so an
 *       unused code stays where it is.</li>
 *   <li>Dead-code restart (training, when {@code deadCodeSteps > 0}): a code no token chose for
 *       {@code deadCodeSteps} consecutive training steps is replaced by a random token of the
 *       current batch; under EMA its {@code N_k} becomes 1 and {@code S_k} the new vector. The
 *       tokens are drawn from a Philox stream of its own (the seed of the generator given at
 *       construction, a stream derived from that generator's stream and position), whose counter
 *       is the buffer {@code restart_counter}: a model loaded from a state dict restarts exactly
 *       the codes, at exactly the tokens, that the saved one would have.</li>
 *   <li>Statistics: {@link Result#usage()} gives perplexity {@code exp(−Σ p̄ log p̄)} and the fraction
 *       of codes used.</li>
 * </ul>
 *
 * <p>State dict: {@code embedding.weight [K, D]} (taming-transformers' name; a parameter under
 * {@code LOSS}, a buffer under {@code EMA}); under {@code EMA} also {@code cluster_size [K]} and
 * {@code embed_avg [K, D]} ({@code N} and {@code S}); with restarts {@code unused_steps [K]} and
 * {@code restart_counter} (I32 {@code [2]}: the restart stream's position, low then high 32 bits).
 */
public final class VectorQuantizer extends Module {
    /** How the codebook learns. */
    public enum Update { LOSS, EMA }

    /**
     * @param deadCodeSteps restart codes unused for this many training steps; 0 turns restarts off
     */
    public record Config(int codebookSize, int dim, double beta, Update update, double decay, double epsilon,
                         int deadCodeSteps) {
        public Config {
            if (codebookSize < 1 || dim < 1) {
                throw new IllegalArgumentException("VectorQuantizer: codebook size and dimension must be ≥ 1, got "
                        + codebookSize + " × " + dim);
            }
            if (!(decay >= 0 && decay < 1) || !(epsilon > 0) || deadCodeSteps < 0) {
                throw new IllegalArgumentException("VectorQuantizer: need 0 ≤ decay < 1, epsilon > 0, deadCodeSteps ≥ 0; got "
                        + decay + ", " + epsilon + ", " + deadCodeSteps);
            }
        }

        /** Codebook loss, β 0.25, no restarts (decay 0.99 and ε 1e-5 ready for {@link #withEma()}). */
        public static Config of(int codebookSize, int dim) {
            return new Config(codebookSize, dim, 0.25, Update.LOSS, 0.99, 1e-5, 0);
        }

        public Config withEma() {
            return new Config(codebookSize, dim, beta, Update.EMA, decay, epsilon, deadCodeSteps);
        }

        public Config withDeadCodeRestart(int steps) {
            return new Config(codebookSize, dim, beta, update, decay, epsilon, steps);
        }
    }

    /**
     * @param quantized    {@code [N, D, …]} with a straight-through gradient
     * @param codes        I32 {@code [N, …]}
     * @param loss         {@code codebookLoss + β·commitment}
     * @param codebookLoss zero under {@code EMA}
     */
    public record Result(Variable quantized, Tensor codes, Variable loss, Variable commitment, Variable codebookLoss,
                         CodeUsage usage) {
    }

    private final Config config;
    private final Codebook embedding;
    private final Buffer clusterSize;
    private final Buffer embedAvg;
    private final Buffer unusedSteps;
    private final Buffer restartCounter;
    private final long restartSeed;
    private final long restartStream;

    public VectorQuantizer(Config config, Generator init) {
        this.config = config;
        boolean ema = config.update() == Update.EMA;
        this.embedding = child("embedding", new Codebook(config.codebookSize(), config.dim(), !ema, init));
        this.clusterSize = ema ? buffer("cluster_size", Tensor.ones(config.codebookSize())) : null;
        this.embedAvg = ema ? buffer("embed_avg", embedding.value().to(embedding.value().dtype())) : null;
        boolean restarts = config.deadCodeSteps() > 0;
        this.unusedSteps = restarts ? buffer("unused_steps", Tensor.zeros(config.codebookSize())) : null;
        this.restartCounter = restarts ? buffer("restart_counter", SavedCounter.of(0)) : null;
        this.restartSeed = init.seed();
        // distinct from init's stream, and from any other quantizer's made from the same generator
        this.restartStream = init.stream() * 0x9E3779B97F4A7C15L + init.counter() + 1;
    }

    public Config config() {
        return config;
    }

    /** The code vectors {@code [K, D]}. */
    public Tensor codebook() {
        return embedding.value();
    }

    public Result forward(Variable z) {
        TokenGrid grid = TokenGrid.of("VectorQuantizer", z, config.dim());
        Variable rows = grid.toRows(z);
        Variable codebook = embedding.variable();
        Tensor codes = nearest(rows.value(), codebook.value());
        Variable chosen = Variable.embedding(codebook, codes);
        Variable commitment = rows.sub(chosen.detach()).square().mean();
        Variable codebookLoss = config.update() == Update.LOSS
                ? rows.detach().sub(chosen).square().mean()
                : commitment.detach().mul(0);
        Variable loss = codebookLoss.add(commitment.mul(config.beta()));
        Variable quantized = grid.fromRows(rows.add(chosen.sub(rows).detach()));
        CodeUsage usage = CodeUsage.of(codes, config.codebookSize());
        if (isTraining()) {
            Tensor counts = usage.counts().to(rows.dtype());
            if (config.update() == Update.EMA) {
                emaUpdate(rows.value(), codes, counts);
            }
            if (unusedSteps != null) {
                restartDeadCodes(rows.value(), counts);
            }
        }
        return new Result(quantized, codes.reshape(grid.codeShape()), loss, commitment, codebookLoss, usage);
    }

    /** For each row of {@code rows [M, D]}, the index (I32 {@code [M]}) of the nearest row of {@code codebook [K, D]}. */
    public static Tensor nearest(Tensor rows, Tensor codebook) {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor scores = codebook.square().sum(1).sub(Tensor.matmul(rows, codebook, false, true).mul(2));
            return scope.keep(scores.argmin(1));
        }
    }

    /** One EMA step of {@code N}, {@code S} and the codebook (see the class javadoc). */
    private void emaUpdate(Tensor rows, Tensor codes, Tensor counts) {
        double decay = config.decay();
        int k = config.codebookSize();
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor index = codes.reshape(-1, 1).expand(rows.dim(0), rows.dim(1));
            Tensor sums = embedAvg.value().zerosLike().scatterAdd(0, index, rows);
            Tensor n = clusterSize.value().mul(decay).add(counts.mul(1 - decay));
            Tensor s = embedAvg.value().mul(decay).add(sums.mul(1 - decay));
            Tensor total = n.sum();
            Tensor smoothed = n.add(config.epsilon()).div(total.add(k * config.epsilon())).mul(total);
            clusterSize.set(n);
            embedAvg.set(s);
            embedding.set(s.div(smoothed.reshape(k, 1)));
        }
    }

    /** Counts steps without use and moves codes unused for {@code deadCodeSteps} to random tokens of {@code rows}. */
    private void restartDeadCodes(Tensor rows, Tensor counts) {
        int k = config.codebookSize();
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor used = counts.gt(0);
            Tensor unused = Tensor.where(used, counts.zerosLike(), unusedSteps.value().add(1));
            Tensor dead = unused.ge(config.deadCodeSteps());
            Generator restarts = new Generator(restartSeed, restartStream, SavedCounter.read(restartCounter));
            Tensor pick = Tensor.rand(restarts, rows.dtype(), k).to(rows.backend()).mul(rows.dim(0))
                    .clamp(0, rows.dim(0) - 1).to(DType.I32);
            SavedCounter.write(restartCounter, restarts.counter());
            Tensor samples = rows.indexSelect(0, pick);
            Tensor deadRows = dead.reshape(k, 1);
            embedding.set(Tensor.where(deadRows, samples, embedding.value()));
            if (embedAvg != null) {
                embedAvg.set(Tensor.where(deadRows, samples, embedAvg.value()));
                clusterSize.set(Tensor.where(dead, counts.onesLike(), clusterSize.value()));
            }
            unusedSteps.set(Tensor.where(dead, counts.zerosLike(), unused));
        }
    }

    @Override
    public String toString() {
        return "VectorQuantizer(" + config + ")";
    }
}
