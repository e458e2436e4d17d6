package video.magvit;

import autograd.Variable;
import nn.AdaptiveGroupNorm;
import nn.GroupNorm;
import nn.conv.ResidualBlock;

/**
 * The tokenizer's normalisations with their statistics taken <b>per frame</b>. A causal
 * convolution makes output frame {@code t} depend on input frames {@code ≤ t}, but a GroupNorm whose
 * mean and variance span the whole clip would leak every later frame into frame 0 again. Taking
 * them over {@code (channels of the group, H, W)} of each frame separately keeps the whole tokenizer
 * causal, so frame 0 of a video encodes exactly as the image alone ({@code T = 1}), the MAGVIT-v2
 * property. Parameters and names are those of the {@code nn} layers passed in (a state dict is
 * the same as with whole-clip statistics).
 */
final class PerFrame {
    private PerFrame() {}

    /**
     * {@code y[n, c, t] = (x[n, c, t] − μ[n, g(c), t]) / √(σ²[n, g(c), t] + ε) · weight[c] + bias[c]}
     * for {@code x [N, C, T, H, W]}, the statistics over the group's channels and the frame's pixels.
     */
    static Variable groupNorm(GroupNorm norm, Variable x) {
        return norm.weight == null ? groupNorm(x, norm.groups(), null, null)
                : groupNorm(x, norm.groups(), norm.weight.variable(), norm.bias.variable());
    }

    /**
     * The same with explicit affine parameters {@code [C]}, which may both be null (ε = 1e-5): the
     * frames folded into the batch ({@code [N·T, C, H, W]}) make each frame its own GroupNorm sample.
     */
    static Variable groupNorm(Variable x, int groups, Variable weight, Variable bias) {
        int[] d = x.shape().dims();
        Variable y = framesBack(GroupNorm.apply(framesAsBatch(x), groups, null, null, GroupNorm.DEFAULT_EPS), d);
        return weight == null ? y : y.mul(weight.reshape(d[1], 1, 1, 1)).add(bias.reshape(d[1], 1, 1, 1));
    }

    /** {@link ResidualBlock}'s forward with per-frame GroupNorms: {@code shortcut(x) + conv2(swish(norm2(conv1(swish(norm1(x))))))}. */
    static Variable residual(ResidualBlock block, Variable x) {
        Variable h = block.conv1.forward(groupNorm(block.norm1, x).silu());
        h = block.conv2.forward(groupNorm(block.norm2, h).silu());
        return (block.ninShortcut == null ? x : block.ninShortcut.forward(x)).add(h);
    }

    /**
     * {@link AdaptiveGroupNorm} frame by frame: {@code x [N, C, T, H, W]} normalised per frame,
     * scaled and shifted from the spatial statistics of {@code z [N, Cz, T, h, w]} at the same frame.
     * Both fold their frames into the batch axis ({@code [N·T, C, H, W]}), the layer's image path.
     */
    static Variable adaptiveGroupNorm(AdaptiveGroupNorm norm, Variable x, Variable z) {
        return framesBack(norm.forward(framesAsBatch(x), framesAsBatch(z)), x.shape().dims());
    }

    /** {@code [N, C, T, H, W] → [N·T, C, H, W]}. */
    private static Variable framesAsBatch(Variable v) {
        int[] d = v.shape().dims();
        return v.permute(0, 2, 1, 3, 4).reshape(d[0] * d[2], d[1], d[3], d[4]);
    }

    /** {@code [N·T, C, H, W] → [N, C, T, H, W]} for the clip dims {@code d}, the inverse of {@link #framesAsBatch}. */
    private static Variable framesBack(Variable v, int[] d) {
        return v.reshape(d[0], d[2], d[1], d[3], d[4]).permute(0, 2, 1, 3, 4);
    }
}
