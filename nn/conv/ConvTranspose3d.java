package nn.conv;

import autograd.Variable;
import java.util.Arrays;
import nn.Init;
import nn.Module;
import nn.Parameter;
import tensor.ConvSpec;
import tensor.Generator;

/**
 * Transposed 3D convolution, as PyTorch's {@code nn.ConvTranspose3d}: the adjoint of the
 * convolution with the same geometry, each input element scattering
 * {@code x[n, c, t, h, w]·weight[c, o, i, j, k]} to output position
 * {@code (t·sT − pT + i·dT, h·sH − pH + j·dH, w·sW − pW + k·dW)}. Output length per axis
 * {@code (in − 1)·stride − 2·padding + dilation·(k − 1) + outputPadding + 1}.
 *
 * <p>Parameters in PyTorch's layout: {@code weight [Cin, Cout/groups, kT, kH, kW]}, {@code bias [Cout]},
 * both {@code U(−1/√fan_in, 1/√fan_in)} where, as PyTorch computes it from the weight's axis 1,
 * {@code fan_in = Cout/groups·kT·kH·kW}. The forward is {@link Variable#convTranspose3d}.
 */
public final class ConvTranspose3d extends Module {
    private final ConvSpec spec;
    private final int[] outputPadding;
    public final Parameter weight;
    /** Null without bias. */
    public final Parameter bias;

    /**
     * @param spec          the geometry of the convolution this layer transposes (stride, padding, dilation, groups)
     * @param outputPadding extra length after T, H, W (less than the stride or dilation of that axis)
     */
    public ConvTranspose3d(int inChannels, int outChannels, int[] kernel, ConvSpec spec, int[] outputPadding,
                           boolean bias, Generator init) {
        Conv3d.checkChannels("ConvTranspose3d", inChannels, outChannels, spec.groups());
        if (kernel.length != 3 || Arrays.stream(kernel).anyMatch(k -> k < 1) || outputPadding.length != 3) {
            throw new IllegalArgumentException("ConvTranspose3d: kernel needs 3 sizes ≥ 1 and outputPadding 3 values, got "
                    + Arrays.toString(kernel) + " and " + Arrays.toString(outputPadding));
        }
        this.spec = spec;
        this.outputPadding = outputPadding.clone();
        int perGroup = outChannels / spec.groups();
        int fanIn = perGroup * kernel[0] * kernel[1] * kernel[2];
        this.weight = param("weight", Init.fanInUniform(init, fanIn, inChannels, perGroup, kernel[0], kernel[1], kernel[2]));
        this.bias = bias ? param("bias", Init.fanInUniform(init, fanIn, outChannels)) : null;
    }

    /** A cubic kernel, the same stride and padding on every axis, no output padding, one group, with bias. */
    public ConvTranspose3d(int inChannels, int outChannels, int kernel, int stride, int padding, Generator init) {
        this(inChannels, outChannels, new int[] {kernel, kernel, kernel}, ConvSpec.symmetric(stride, padding, 1, 1),
                new int[3], true, init);
    }

    /** {@code x [N, Cin, T, H, W]} to {@code [N, Cout, To, Ho, Wo]}. */
    public Variable forward(Variable x) {
        return Variable.convTranspose3d(x, weight.variable(), bias == null ? null : bias.variable(), spec, outputPadding);
    }

    @Override
    public String toString() {
        return "ConvTranspose3d(weight " + weight.shape() + ", " + spec + ", outputPadding="
                + Arrays.toString(outputPadding) + ", bias=" + (bias != null) + ")";
    }
}
