package nn;

import autograd.Variable;
import java.util.Arrays;
import tensor.Shape;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * Group normalization (Wu &amp; He, "Group Normalization", ECCV 2018). For {@code x [N, C, *]}
 * the channels are split into {@code groups} groups of {@code C/groups}; each (sample, group) is
 * standardized over its channels and all positions:
 * <pre>
 *   y[n, c, …] = (x − μ[n, g(c)]) / √(σ²[n, g(c)] + ε) · weight[c] + bias[c]
 * </pre>
 * (population variance), one fused {@link Variable#normalize} of {@code x} viewed as
 * {@code [N, groups, C/groups · ∏*]}. As PyTorch's {@code nn.GroupNorm(num_groups, num_channels, eps=1e-5,
 * affine=True)}: {@code weight [C]} ones, {@code bias [C]} zeros.
 */
public final class GroupNorm extends Module {
    public static final double DEFAULT_EPS = 1e-5;

    private final int groups;
    private final int channels;
    private final double eps;
    /** Null without affine. */
    public final Parameter weight;
    /** Null without affine. */
    public final Parameter bias;

    public GroupNorm(int groups, int channels, double eps, boolean affine) {
        if (groups <= 0 || channels % groups != 0) {
            throw new IllegalArgumentException("GroupNorm: " + channels + " channels cannot be split into " + groups + " groups");
        }
        this.groups = groups;
        this.channels = channels;
        this.eps = eps;
        this.weight = affine ? param("weight", Tensor.ones(channels)) : null;
        this.bias = affine ? param("bias", Tensor.zeros(channels)) : null;
    }

    /** {@code eps = 1e-5}, with affine. */
    public GroupNorm(int groups, int channels) {
        this(groups, channels, DEFAULT_EPS, true);
    }

    public int groups() {
        return groups;
    }

    public int channels() {
        return channels;
    }

    public Variable forward(Variable x) {
        return apply(x, groups, weight == null ? null : weight.variable(), bias == null ? null : bias.variable(), eps);
    }

    /** The function itself; {@code weight} and {@code bias} ({@code [C]}) may be null. */
    public static Variable apply(Variable x, int groups, Variable weight, Variable bias, double eps) {
        Shape s = x.shape();
        if (s.rank() < 2 || s.dim(1) % groups != 0) {
            throw new ShapeException("GroupNorm", "input " + s + " needs an [N, C, …] layout with C divisible by "
                    + groups + " groups (axis 1)");
        }
        int n = s.dim(0);
        int perGroup = s.numel() / Math.max(1, n * groups);
        Variable y = x.reshape(n, groups, perGroup).normalize(2, true, eps).reshape(s.dims());
        int[] channelShape = new int[s.rank() - 1];
        Arrays.fill(channelShape, 1);
        channelShape[0] = s.dim(1);
        if (weight != null) {
            y = y.mul(weight.reshape(channelShape));
        }
        return bias == null ? y : y.add(bias.reshape(channelShape));
    }

    @Override
    public String toString() {
        return "GroupNorm(" + groups + ", " + channels + ", eps=" + eps + ", affine=" + (weight != null) + ")";
    }
}
