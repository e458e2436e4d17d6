package autograd.ops;

import autograd.Variable;
import java.util.List;
import tensor.ConvSpec;
import tensor.Shape;
import tensor.Tensor;

/**
 * Backward rule of the 3D convolution, through the backend's two backward primitives:
 * {@code ∂x = conv3dInputGrad(g, w)} (the transposed convolution), {@code ∂w = conv3dWeightGrad(x, g)}
 * (the correlation of input and output gradient), {@code ∂bias = Σ g} over {@code N, T, H, W}.
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
}
