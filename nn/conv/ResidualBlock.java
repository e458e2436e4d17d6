package nn.conv;

import autograd.Variable;
import nn.GroupNorm;
import nn.Module;
import tensor.Generator;

/**
 * The residual block of the MAGVIT-v2 tokenizer (Yu et al., 2023; the ResNet block of
 * taming-transformers' VQGAN made causal in time):
 * <pre>
 *   h = conv2(swish(norm2(conv1(swish(norm1(x))))))
 *   y = shortcut(x) + h
 * </pre>
 * with {@code norm1}, {@code norm2} {@link GroupNorm}s (eps 1e-5), swish {@code x·σ(x)}, {@code conv1},
 * {@code conv2} 3×3×3 {@link CausalConv3d}s, and {@code shortcut} the identity, or a 1×1×1
 * {@link Conv3d} ({@code nin_shortcut}) when the channel count changes. Shapes
 * {@code [N, Cin, T, H, W] → [N, Cout, T, H, W]}. The convolutions are causal in time, but
 * GroupNorm's statistics span all frames of the clip (as in the paper's block), so through them
 * an output frame also depends on later frames; a clip of one frame is exactly the image path.
 *
 * <p>State-dict names follow taming's {@code ResnetBlock}: {@code norm1.*}, {@code conv1.conv.*},
 * {@code norm2.*}, {@code conv2.conv.*}, {@code nin_shortcut.*}.
 */
public final class ResidualBlock extends Module {
    public final GroupNorm norm1;
    public final CausalConv3d conv1;
    public final GroupNorm norm2;
    public final CausalConv3d conv2;
    /** Null when the channel count stays the same. */
    public final Conv3d ninShortcut;

    /**
     * @param groups      the GroupNorm groups; must divide both channel counts
     * @param timePadding the front padding of both causal convolutions
     */
    public ResidualBlock(int inChannels, int outChannels, int groups, TimePadding timePadding, Generator init) {
        if (groups < 1 || inChannels % groups != 0 || outChannels % groups != 0) {
            throw new IllegalArgumentException("ResidualBlock: " + groups + " groups must divide both channel counts "
                    + inChannels + " and " + outChannels);
        }
        this.norm1 = child("norm1", new GroupNorm(groups, inChannels));
        this.conv1 = child("conv1", new CausalConv3d(inChannels, outChannels, 3, timePadding, init));
        this.norm2 = child("norm2", new GroupNorm(groups, outChannels));
        this.conv2 = child("conv2", new CausalConv3d(outChannels, outChannels, 3, timePadding, init));
        this.ninShortcut = inChannels == outChannels ? null
                : child("nin_shortcut", new Conv3d(inChannels, outChannels, 1, 1, 0, init));
    }

    /** Zero time padding. */
    public ResidualBlock(int inChannels, int outChannels, int groups, Generator init) {
        this(inChannels, outChannels, groups, TimePadding.ZEROS, init);
    }

    public Variable forward(Variable x) {
        Variable h = conv1.forward(norm1.forward(x).silu());
        h = conv2.forward(norm2.forward(h).silu());
        return (ninShortcut == null ? x : ninShortcut.forward(x)).add(h);
    }

    @Override
    public String toString() {
        return "ResidualBlock(" + conv1.conv.inChannels() + " → " + conv2.conv.outChannels() + ")";
    }
}
