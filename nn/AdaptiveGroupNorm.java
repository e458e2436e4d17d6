package nn;

import autograd.Variable;
import java.util.stream.IntStream;
import tensor.Generator;
import tensor.Shape;
import tensor.ShapeException;

/**
 * Adaptive group normalization of the MAGVIT-v2 decoder (Yu et al., "Language Model Beats
 * Diffusion — Tokenizer is Key to Visual Generation", ICLR 2024): group normalization without its
 * own affine, whose per-channel scale and shift are predicted from the quantized latent {@code z}:
 * <pre>
 *   y = GN(x) · gamma(std_hw(z)) + beta(mean_hw(z))
 * </pre>
 * {@code std_hw} and {@code mean_hw} are taken over the two spatial axes of {@code z} (per sample,
 * channel and frame); {@code gamma} and {@code beta} are {@link Linear} maps from {@code zChannels}
 * to {@code channels}. Names and details follow the public Open-MAGVIT2 reimplementation
 * (TencentARC, {@code AdaptiveGroupNorm}): sub-layers {@code gamma} and {@code beta} (the norm has
 * no parameters), {@code eps = 1e-6} in both the norm and {@code std = √(var + eps)}, and the
 * variance with Bessel's correction (divisor {@code H·W − 1}, what its {@code torch.var} call computes).
 *
 * <p>Shapes: {@code x [N, C, T, H, W]} with {@code z [N, Cz, T', H', W']} where {@code T' = T}
 * (one scale and shift per frame) or {@code T' = 1} (one for the clip); images drop the time axis:
 * {@code x [N, C, H, W]}, {@code z [N, Cz, H', W']}. {@code H'·W'} must be at least 2.
 */
public final class AdaptiveGroupNorm extends Module {
    public static final double DEFAULT_EPS = 1e-6;

    private final int groups;
    private final double eps;
    public final Linear gamma;
    public final Linear beta;

    public AdaptiveGroupNorm(int groups, int channels, int zChannels, double eps, Generator init) {
        if (groups <= 0 || channels % groups != 0) {
            throw new IllegalArgumentException("AdaptiveGroupNorm: " + channels + " channels cannot be split into " + groups + " groups");
        }
        this.groups = groups;
        this.eps = eps;
        this.gamma = child("gamma", new Linear(zChannels, channels, init));
        this.beta = child("beta", new Linear(zChannels, channels, init));
    }

    public AdaptiveGroupNorm(int groups, int channels, int zChannels, Generator init) {
        this(groups, channels, zChannels, DEFAULT_EPS, init);
    }

    public Variable forward(Variable x, Variable z) {
        Shape xs = x.shape();
        Shape zs = z.shape();
        int rank = xs.rank();
        if ((rank != 4 && rank != 5) || zs.rank() != rank || zs.dim(0) != xs.dim(0)
                || (rank == 5 && zs.dim(2) != xs.dim(2) && zs.dim(2) != 1) || zs.dim(-1) * zs.dim(-2) < 2) {
            throw new ShapeException("AdaptiveGroupNorm", "needs x [N, C, (T,) H, W] and z [N, Cz, (T' ∈ {1, T},) H', W'] "
                    + "with H'·W' ≥ 2, got x " + xs + ", z " + zs);
        }
        int[] spatial = {rank - 2, rank - 1};
        Variable mean = z.mean(spatial, true);
        Variable std = z.var(spatial, 1, true).add(eps).sqrt();
        Variable normalized = GroupNorm.apply(x, groups, null, null, eps);
        return normalized.mul(perChannel(gamma, std)).add(perChannel(beta, mean));
    }

    /** {@code stats [N, Cz, (T,) 1, 1]} through {@code linear} over the channel axis: {@code [N, C, (T,) 1, 1]}. */
    private static Variable perChannel(Linear linear, Variable stats) {
        int rank = stats.shape().rank();
        int[] channelLast = IntStream.range(0, rank).map(a -> a == 1 ? rank - 1 : a == rank - 1 ? 1 : a).toArray();
        return linear.forward(stats.permute(channelLast)).permute(channelLast);
    }

    @Override
    public String toString() {
        return "AdaptiveGroupNorm(groups=" + groups + ", channels=" + gamma.outFeatures() + ", zChannels="
                + gamma.inFeatures() + ", eps=" + eps + ")";
    }
}
