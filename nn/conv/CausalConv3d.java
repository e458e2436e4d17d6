package nn.conv;

import autograd.Variable;
import java.util.Arrays;
import java.util.Objects;
import nn.Module;
import tensor.ConvSpec;
import tensor.Generator;

/**
 * Causal 3D convolution (MAGVIT-v2, Yu et al., "Language Model Beats Diffusion — Tokenizer is Key
 * to Visual Generation", 2023): the time axis is zero-padded by {@code dT·(kT − 1)} frames in front
 * and none after (or, with {@link TimePadding#REPLICATE}, padded with copies of the first frame), space
 * by {@code k/2} (integer division) on both sides. Output frame {@code t}
 * (input time {@code t·sT}) then depends only on input frames {@code ≤ t·sT}; frame 0 depends on
 * input frame 0 alone, so an image ({@code T = 1}) is a one-frame video and the same weights encode
 * both.
 *
 * <p>Strided time downsampling keeps the first frame alone: with {@code kT = 3} and {@code sT = 2},
 * {@code T} frames become {@code (T − 1)/2 + 1}, so a clip of {@code 1 + 4k} frames becomes
 * {@code 1 + 2k}, then {@code 1 + k}. The popular PyTorch reimplementation (lucidrains'
 * magvit2-pytorch) pads {@code dT·(kT − 1) + (1 − sT)} frames instead, which for {@code sT > 1}
 * lets output frame {@code t} see input frames up to {@code t·sT + sT − 1} and maps {@code 1 + 4k}
 * frames to {@code 2k}, not {@code 1 + 2k}; the two agree for {@code sT = 1}. The padding does not
 * change the weights, so state dicts move between them either way.
 *
 * <p>Parameters, as in magvit2-pytorch's {@code CausalConv3d}: a child {@code conv} (a
 * {@link Conv3d}, PyTorch layout) holding {@code conv.weight [Cout, Cin, kT, kH, kW]} and
 * {@code conv.bias [Cout]}. Dilation applies to time only, as there.
 */
public final class CausalConv3d extends Module {
    public final Conv3d conv;
    private final TimePadding timePadding;
    /** {@code dT·(kT − 1)}: the frames padded in front. */
    private final int frontFrames;

    /**
     * @param kernel       {@code (kT, kH, kW)}
     * @param stride       {@code (sT, sH, sW)}
     * @param timeDilation {@code dT}
     * @param timePadding  what the {@code dT·(kT − 1)} front frames hold
     */
    public CausalConv3d(int inChannels, int outChannels, int[] kernel, int[] stride, int timeDilation,
                        TimePadding timePadding, Generator init) {
        if (kernel.length != 3 || stride.length != 3) {
            throw new IllegalArgumentException("CausalConv3d: kernel and stride need 3 values (T, H, W), got kernel "
                    + Arrays.toString(kernel) + ", stride " + Arrays.toString(stride));
        }
        if (timeDilation < 1) {
            throw new IllegalArgumentException("CausalConv3d: time dilation must be ≥ 1, got " + timeDilation);
        }
        this.timePadding = Objects.requireNonNull(timePadding, "CausalConv3d: time padding");
        this.frontFrames = timeDilation * (kernel[0] - 1);
        int convFront = timePadding == TimePadding.ZEROS ? frontFrames : 0;
        this.conv = child("conv", new Conv3d(inChannels, outChannels, kernel, spec(kernel, stride, timeDilation, convFront),
                true, init));
    }

    /** Zero time padding. */
    public CausalConv3d(int inChannels, int outChannels, int[] kernel, int[] stride, int timeDilation, Generator init) {
        this(inChannels, outChannels, kernel, stride, timeDilation, TimePadding.ZEROS, init);
    }

    /** A cubic kernel, stride 1, no dilation. */
    public CausalConv3d(int inChannels, int outChannels, int kernel, TimePadding timePadding, Generator init) {
        this(inChannels, outChannels, new int[] {kernel, kernel, kernel}, new int[] {1, 1, 1}, 1, timePadding, init);
    }

    /** A cubic kernel, stride 1, no dilation, zero time padding. */
    public CausalConv3d(int inChannels, int outChannels, int kernel, Generator init) {
        this(inChannels, outChannels, kernel, TimePadding.ZEROS, init);
    }

    /** The convolution's own padding: {@code front} zero frames in time; space {@code k/2} on both sides. */
    private static ConvSpec spec(int[] kernel, int[] stride, int timeDilation, int front) {
        int[] before = {front, kernel[1] / 2, kernel[2] / 2};
        int[] after = {0, kernel[1] / 2, kernel[2] / 2};
        return new ConvSpec(stride, before, after, new int[] {timeDilation, 1, 1}, 1);
    }

    /** {@code x [N, Cin, T, H, W]} to {@code [N, Cout, (T − 1)/sT + 1, Ho, Wo]}. */
    public Variable forward(Variable x) {
        if (timePadding == TimePadding.ZEROS || frontFrames == 0) {
            return conv.forward(x);
        }
        int[] d = x.shape().dims();
        Variable copies = x.slice(2, 0, 1).expand(d[0], d[1], frontFrames, d[3], d[4]);
        return conv.forward(Variable.concat(2, copies, x));
    }

    @Override
    public String toString() {
        return "CausalConv3d(" + conv + (timePadding == TimePadding.ZEROS ? "" : ", time padding " + timePadding) + ")";
    }
}
