package nn.conv;

import autograd.Variable;
import nn.Init;
import nn.Module;
import nn.Parameter;
import tensor.ConvSpec;
import tensor.Generator;
import tensor.ShapeException;

/**
 * 2D convolution over {@code x [N, Cin, H, W]}, as PyTorch's {@code nn.Conv2d} (weight
 * {@code [Cout, Cin/groups, kH, kW]}, bias {@code [Cout]}, init {@code U(−1/√fan_in, 1/√fan_in)}
 * with {@code fan_in = Cin/groups·kH·kW}). It is {@link Conv3d} with a time axis of length 1:
 * input and weight gain a unit axis, the 3D convolution runs with stride, padding and dilation 1, 0,
 * 1 along it, and the axis is dropped again. Same stride, padding and dilation on both axes.
 */
public final class Conv2d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int kernel;
    private final ConvSpec spec;
    public final Parameter weight;
    /** Null without bias. */
    public final Parameter bias;

    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, int dilation, int groups,
                  boolean bias, Generator init) {
        Conv3d.checkChannels("Conv2d", inChannels, outChannels, groups);
        if (kernel < 1) {
            throw new IllegalArgumentException("Conv2d: kernel size must be ≥ 1, got " + kernel);
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel;
        this.spec = new ConvSpec(new int[] {1, stride, stride}, new int[] {0, padding, padding},
                new int[] {0, padding, padding}, new int[] {1, dilation, dilation}, groups);
        int fanIn = inChannels / groups * kernel * kernel;
        this.weight = param("weight", Init.fanInUniform(init, fanIn, outChannels, inChannels / groups, kernel, kernel));
        this.bias = bias ? param("bias", Init.fanInUniform(init, fanIn, outChannels)) : null;
    }

    /** One group, dilation 1, with bias. */
    public Conv2d(int inChannels, int outChannels, int kernel, int stride, int padding, Generator init) {
        this(inChannels, outChannels, kernel, stride, padding, 1, 1, true, init);
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    /** {@code x [N, Cin, H, W]} to {@code [N, Cout, Ho, Wo]}. */
    public Variable forward(Variable x) {
        if (x.shape().rank() != 4) {
            throw new ShapeException("Conv2d", "input must be [N, C, H, W], got shape " + x.shape());
        }
        Variable y = Variable.conv3d(x.unsqueeze(2), weight.variable().unsqueeze(2),
                bias == null ? null : bias.variable(), spec);
        return y.squeeze(2);
    }

    @Override
    public String toString() {
        return "Conv2d(" + inChannels + " → " + outChannels + ", kernel=" + kernel + ", " + spec + ", bias=" + (bias != null) + ")";
    }
}
