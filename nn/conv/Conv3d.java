package nn.conv;

import autograd.Variable;
import java.util.Arrays;
import nn.Init;
import nn.Module;
import nn.Parameter;
import tensor.ConvSpec;
import tensor.Generator;

/**
 * 3D convolution over {@code x [N, Cin, T, H, W]}, as PyTorch's {@code nn.Conv3d}:
 * {@code y[n, o, t, h, w] = bias[o] + Σ_{c, i, j, k} weight[o, c, i, j, k] ·
 * x[n, g·Cin/groups + c, t·sT − pT + i·dT, h·sH − pH + j·dH, w·sW − pW + k·dW]} (zero outside),
 * {@code g} the group of {@code o}. Parameters {@code weight [Cout, Cin/groups, kT, kH, kW]} and
 * {@code bias [Cout]}, both drawn from PyTorch's default {@code U(−1/√fan_in, 1/√fan_in)} with
 * {@code fan_in = Cin/groups·kT·kH·kW} (weight first). The geometry is a {@link ConvSpec}, so padding
 * may differ before and after an axis ({@link CausalConv3d} pads time in front only).
 */
public final class Conv3d extends Module {
    private final int inChannels;
    private final int outChannels;
    private final int[] kernel;
    private final ConvSpec spec;
    public final Parameter weight;
    /** Null without bias. */
    public final Parameter bias;

    /**
     * @param kernel {@code (kT, kH, kW)}
     * @param spec   stride, padding (before and after), dilation and groups
     */
    public Conv3d(int inChannels, int outChannels, int[] kernel, ConvSpec spec, boolean bias, Generator init) {
        checkChannels("Conv3d", inChannels, outChannels, spec.groups());
        if (kernel.length != 3 || Arrays.stream(kernel).anyMatch(k -> k < 1)) {
            throw new IllegalArgumentException("Conv3d: kernel needs 3 sizes ≥ 1 (kT, kH, kW), got " + Arrays.toString(kernel));
        }
        this.inChannels = inChannels;
        this.outChannels = outChannels;
        this.kernel = kernel.clone();
        this.spec = spec;
        int fanIn = inChannels / spec.groups() * kernel[0] * kernel[1] * kernel[2];
        this.weight = param("weight", Init.fanInUniform(init, fanIn,
                outChannels, inChannels / spec.groups(), kernel[0], kernel[1], kernel[2]));
        this.bias = bias ? param("bias", Init.fanInUniform(init, fanIn, outChannels)) : null;
    }

    /** A cubic kernel with the same stride and symmetric padding on every axis, one group, with bias. */
    public Conv3d(int inChannels, int outChannels, int kernel, int stride, int padding, Generator init) {
        this(inChannels, outChannels, new int[] {kernel, kernel, kernel}, ConvSpec.symmetric(stride, padding, 1, 1),
                true, init);
    }

    static void checkChannels(String layer, int in, int out, int groups) {
        if (in < 1 || out < 1 || in % groups != 0 || out % groups != 0) {
            throw new IllegalArgumentException(layer + ": channels must be ≥ 1 and divisible by groups " + groups
                    + ", got in=" + in + ", out=" + out);
        }
    }

    public int inChannels() {
        return inChannels;
    }

    public int outChannels() {
        return outChannels;
    }

    public int[] kernel() {
        return kernel.clone();
    }

    public ConvSpec spec() {
        return spec;
    }

    /** {@code x [N, Cin, T, H, W]} to {@code [N, Cout, To, Ho, Wo]}. */
    public Variable forward(Variable x) {
        return Variable.conv3d(x, weight.variable(), bias == null ? null : bias.variable(), spec);
    }

    @Override
    public String toString() {
        return "Conv3d(" + inChannels + " → " + outChannels + ", kernel=" + Arrays.toString(kernel) + ", " + spec
                + ", bias=" + (bias != null) + ")";
    }
}
