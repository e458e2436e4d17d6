package nn.quant;

import autograd.Variable;
import nn.Buffer;
import nn.Module;
import nn.conv.Conv3d;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;

/**
 * Gumbel-softmax quantization, as taming-transformers' {@code GumbelQuantize} (Esser et al., 2021,
 * after DALL-E's dVAE and Jang et al., "Categorical Reparameterization with Gumbel-Softmax", 2017),
 * for video latents {@code z [N, Cin, T, H, W]} (or any {@code [N, Cin, …]} of rank 5).
 *
 * <ul>
 *   <li>{@code logits = proj(z)}, a 1×1×1 convolution to {@code K} channels.</li>
 *   <li>Training: {@code soft = softmax((logits + g)/τ)} over the codes, with Gumbel noise
 *       {@code g = −log(−log u)}, {@code u ~ U(0, 1)} from the layer's noise stream; with
 *       {@code straightThrough} the one-hot of its argmax is used with the soft gradient,
 *       {@code hard + soft − sg(soft)}. Evaluation: the one-hot of {@code argmax logits}, without
 *       noise (taming still samples at evaluation; this layer is deterministic there).</li>
 *   <li>{@code z_q = Σ_k soft_k · embed_k} with {@code embed.weight [K, D]}: {@code [N, D, T, H, W]}.</li>
 *   <li>Loss: the KL divergence to the uniform prior,
 *       {@code klWeight · mean_tokens Σ_k q_k·log(q_k·K + 1e-10)}, {@code q = softmax(logits)}
 *       (taming's expression, default weight 5e-4).</li>
 *   <li>Token: the argmax of {@code soft} (of the logits at evaluation).</li>
 *   <li>τ: {@code config.temperature().at(step)}, the step set by {@link #setStep} (the training
 *       loop sets it; it starts at 0).</li>
 * </ul>
 *
 * <p>State dict (taming's names): {@code proj.weight [K, Cin, 1, 1, 1]}, {@code proj.bias [K]},
 * {@code embed.weight [K, D]} (taming's 2D {@code proj.weight} is {@code [K, Cin, 1, 1]}: add the unit
 * time axis when moving it); plus two I32 {@code [2]} buffers (low then high 32 bits) that make a
 * resumed run exact: {@code step}, the schedule's step, and {@code noise_counter}, the noise
 * stream's position. The noise stream is the seed and stream of the generator given at construction,
 * starting at its position then; the layer keeps its own position and leaves that generator as it was.
 */
public final class GumbelQuantizer extends Module {
    /**
     * @param inChannels   channels of the encoder output
     * @param codebookSize {@code K}
     * @param dim          {@code D}, the channels of the quantized output
     */
    public record Config(int inChannels, int codebookSize, int dim, boolean straightThrough, double klWeight,
                         TemperatureSchedule temperature) {
        /** Straight-through, KL weight 5e-4, τ annealed exponentially from 1 to 1/16 over {@code annealSteps}. */
        public static Config of(int inChannels, int codebookSize, int dim, long annealSteps) {
            return new Config(inChannels, codebookSize, dim, true, 5e-4,
                    TemperatureSchedule.exponential(1.0, 1.0 / 16, annealSteps));
        }

        public Config withTemperature(TemperatureSchedule schedule) {
            return new Config(inChannels, codebookSize, dim, straightThrough, klWeight, schedule);
        }
    }

    /**
     * @param quantized   {@code [N, D, …]}
     * @param codes       I32 {@code [N, …]}
     * @param loss        the weighted KL term
     * @param temperature the τ used
     */
    public record Result(Variable quantized, Tensor codes, Variable loss, double temperature, CodeUsage usage) {
    }

    private final Config config;
    public final Conv3d proj;
    private final Codebook embed;
    private final long noiseSeed;
    private final long noiseStream;
    private final Buffer noiseCounter;
    private final Buffer step;

    /** Parameters are drawn from {@code init}; {@code noise}'s stream, from its position now, gives the Gumbel samples. */
    public GumbelQuantizer(Config config, Generator init, Generator noise) {
        this.config = config;
        this.proj = child("proj", new Conv3d(config.inChannels(), config.codebookSize(), 1, 1, 0, init));
        this.embed = child("embed", new Codebook(config.codebookSize(), config.dim(), true, init));
        this.noiseSeed = noise.seed();
        this.noiseStream = noise.stream();
        this.noiseCounter = buffer("noise_counter", SavedCounter.of(noise.counter()));
        this.step = buffer("step", SavedCounter.of(0));
    }

    public Config config() {
        return config;
    }

    /** Sets the training step that picks τ. */
    public void setStep(long step) {
        if (step < 0) {
            throw new IllegalArgumentException("GumbelQuantizer.setStep: a step is at least 0, got " + step);
        }
        SavedCounter.write(this.step, step);
    }

    /** The step {@link #setStep} set (saved with the state dict). */
    public long step() {
        return SavedCounter.read(step);
    }

    public double temperature() {
        return config.temperature().at(step());
    }

    public Result forward(Variable z) {
        Variable logits = proj.forward(z);
        TokenGrid grid = TokenGrid.of("GumbelQuantizer", logits, config.codebookSize());
        Variable rows = grid.toRows(logits);
        double tau = temperature();
        Variable soft;
        if (isTraining()) {
            soft = gumbelSoftmax(rows, gumbelNoise(rows.value()), tau, config.straightThrough());
        } else {
            soft = Variable.constant(rows.value().argmax(1).oneHot(config.codebookSize(), rows.dtype()));
        }
        Tensor codes = soft.value().argmax(1);
        Variable quantized = grid.fromRows(soft.matmul(embed.variable()));
        Variable q = rows.softmax(1);
        Variable kl = q.mul(q.mul(config.codebookSize()).add(1e-10).log()).sum(1).mean().mul(config.klWeight());
        return new Result(quantized, codes.reshape(grid.codeShape()), kl, tau, CodeUsage.of(codes, config.codebookSize()));
    }

    /** Gumbel draws {@code −log(−log u)} shaped like {@code like}, on its backend. */
    private Tensor gumbelNoise(Tensor like) {
        try (MemoryScope scope = MemoryScope.open()) {
            Generator noise = new Generator(noiseSeed, noiseStream, SavedCounter.read(noiseCounter));
            Tensor u = Tensor.rand(noise, like.dtype(), like.shape().dims()).to(like.backend());
            SavedCounter.write(noiseCounter, noise.counter());
            // u = 0 (probability 2^-24 in F32) would give −∞; clamping keeps every draw finite
            return scope.keep(u.clamp(1e-30, 1).log().neg().log().neg());
        }
    }

    /**
     * Gumbel-softmax over axis 1 of {@code logits [M, K]} with given noise {@code g}:
     * {@code y = softmax((logits + g)/τ)}; with {@code hard}, {@code onehot(argmax y) + y − sg(y)}.
     */
    public static Variable gumbelSoftmax(Variable logits, Tensor g, double tau, boolean hard) {
        Variable y = logits.add(Variable.constant(g)).div(tau).softmax(1);
        if (!hard) {
            return y;
        }
        Tensor oneHot = y.value().argmax(1).oneHot(logits.shape().dim(1), logits.dtype());
        return y.add(Variable.constant(oneHot).sub(y).detach());
    }

    @Override
    public String toString() {
        return "GumbelQuantizer(" + config + ")";
    }
}
