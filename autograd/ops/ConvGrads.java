package autograd.ops;

import autograd.Variable;
import java.util.Arrays;
import java.util.List;
import tensor.ConvSpec;
import tensor.Shape;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * Backward rule of the 3D convolution, through the backend's two backward primitives:
 * {@code ∂x = conv3dInputGrad(g, w)} (the transposed convolution), {@code ∂w = conv3dWeightGrad(x, g)}
 * (the correlation of input and output gradient), {@code ∂bias = Σ g} over {@code N, T, H, W}.
 *
 * <p>The transposed convolution is the same pair of maps read the other way round: its forward is
 * the convolution's input gradient, so its input gradient is the convolution itself.
 */
public final class ConvGrads {
    private ConvGrads() {}

    public static Variable conv3d(Variable x, Variable w, Variable bias, ConvSpec spec) {
        Tensor xv = x.value();
        Tensor wv = w.value();
        Shape xs = x.shape();
        Shape ws = w.shape();
        Tensor y = Tensor.conv3d(xv, wv, bias == null ? null : bias.value(), spec);
        if (bias == null) {
            return Variable.fromOp("conv3d", y, g -> List.of(
                    () -> Tensor.conv3dInputGrad(g, wv, xs, spec),
                    () -> Tensor.conv3dWeightGrad(xv, g, ws, spec)), x, w);
        }
        return Variable.fromOp("conv3d", y, g -> List.of(
                () -> Tensor.conv3dInputGrad(g, wv, xs, spec),
                () -> Tensor.conv3dWeightGrad(xv, g, ws, spec),
                () -> g.sum(0, 2, 3, 4)), x, w, bias);
    }

    /** {@code x [N, C, H, W]}, {@code w [O, C/groups, kH, kW]}: a conv3d with a time axis of 1, recorded as such. */
    public static Variable conv2d(Variable x, Variable w, Variable bias, int stride, int padding, int dilation, int groups) {
        int[] s = {1, stride, stride};
        int[] p = {0, padding, padding};
        int[] d = {1, dilation, dilation};
        ConvSpec spec = new ConvSpec(s, p, p, d, groups);
        return conv3d(x.unsqueeze(2), w.unsqueeze(2), bias, spec).squeeze(2);
    }

    /**
     * Transposed 3D convolution (PyTorch's {@code conv_transpose3d}) of {@code x [N, Cin, T, H, W]} by
     * {@code w [Cin, Cout/groups, kT, kH, kW]}: the adjoint {@code y = Aᵀx} of the convolution {@code A}
     * described by {@code spec} that maps {@code [N, Cout, To, Ho, Wo]} to {@code [N, Cin, T, H, W]}
     * with weight {@code w}. Output length per axis
     * {@code (in − 1)·stride − padBefore − padAfter + dilation·(k − 1) + outputPadding + 1};
     * {@code outputPadding} (less than the stride or the dilation) picks among the lengths that
     * the strided convolution maps to the same {@code in}.
     *
     * <p>Gradients: {@code ∂x = A g = conv3d(g, w)}, {@code ∂w = conv3dWeightGrad(g, x)} (the
     * convolution's weight gradient with {@code g} as its input and {@code x} as its output
     * gradient, because {@code ⟨g, Aᵀx⟩ = ⟨A g, x⟩}), {@code ∂bias = Σ g} over {@code N, T, H, W}.
     *
     * @param bias          {@code [Cout]}, or null
     * @param outputPadding extra length after T, H, W
     */
    public static Variable convTranspose3d(Variable x, Variable w, Variable bias, ConvSpec spec, int[] outputPadding) {
        Shape outShape = transposedOutputShape(x.shape(), w.shape(), bias == null ? null : bias.shape(), spec, outputPadding);
        Tensor xv = x.value();
        Tensor wv = w.value();
        Shape ws = w.shape();
        Tensor y = Tensor.conv3dInputGrad(xv, wv, outShape, spec);
        if (bias == null) {
            return Variable.fromOp("convTranspose3d", y, g -> List.of(
                    () -> Tensor.conv3d(g, wv, null, spec),
                    () -> Tensor.conv3dWeightGrad(g, xv, ws, spec)), x, w);
        }
        Tensor perChannel = bias.value().reshape(1, -1, 1, 1, 1);
        Tensor biased = y.add(perChannel);
        perChannel.close();
        y.close();
        return Variable.fromOp("convTranspose3d", biased, g -> List.of(
                () -> Tensor.conv3d(g, wv, null, spec),
                () -> Tensor.conv3dWeightGrad(g, xv, ws, spec),
                () -> g.sum(0, 2, 3, 4)), x, w, bias);
    }

    /** The output shape of {@link #convTranspose3d}, after checking ranks, channels, bias and output padding. */
    static Shape transposedOutputShape(Shape x, Shape w, Shape bias, ConvSpec spec, int[] outputPadding) {
        String op = "convTranspose3d";
        String shapes = "(input " + x + ", weight " + w + ")";
        if (x.rank() != 5) {
            throw new ShapeException(op, "input must be [N, Cin, T, H, W], got shape " + x);
        }
        if (w.rank() != 5) {
            throw new ShapeException(op, "weight must be [Cin, Cout/groups, kT, kH, kW], got shape " + w);
        }
        if (x.dim(1) != w.dim(0)) {
            throw new ShapeException(op, "input has " + x.dim(1) + " channels (axis 1) but the weight expects "
                    + w.dim(0) + " (its axis 0) " + shapes);
        }
        if (w.dim(0) % spec.groups() != 0) {
            throw new ShapeException(op, "input channels " + w.dim(0) + " are not divisible by groups "
                    + spec.groups() + " " + shapes);
        }
        int outChannels = w.dim(1) * spec.groups();
        if (bias != null && (bias.rank() != 1 || bias.dim(0) != outChannels)) {
            throw new ShapeException(op, "bias must have shape [" + outChannels + "] (weight axis 1 × groups "
                    + spec.groups() + "), got " + bias);
        }
        if (outputPadding.length != 3) {
            throw new ShapeException(op, "outputPadding needs 3 values (T, H, W), got " + Arrays.toString(outputPadding));
        }
        int[] out = {x.dim(0), outChannels, 0, 0, 0};
        String[] axes = {"T", "H", "W"};
        for (int a = 0; a < 3; a++) {
            int extra = outputPadding[a];
            if (extra < 0 || extra >= Math.max(spec.stride()[a], spec.dilation()[a])) {
                throw new ShapeException(op, "outputPadding along " + axes[a] + " must be in [0, max(stride, dilation)) = [0, "
                        + Math.max(spec.stride()[a], spec.dilation()[a]) + "), got " + extra);
            }
            int k = w.dim(2 + a);
            out[2 + a] = (x.dim(2 + a) - 1) * spec.stride()[a] - spec.padBefore()[a] - spec.padAfter()[a]
                    + spec.dilation()[a] * (k - 1) + extra + 1;
            if (out[2 + a] < 1) {
                throw new ShapeException(op, "output size along " + axes[a] + " would be " + out[2 + a]
                        + ": the padding " + spec.padBefore()[a] + " + " + spec.padAfter()[a]
                        + " removes more than the input and kernel span " + shapes);
            }
        }
        return Shape.of(out);
    }
}
