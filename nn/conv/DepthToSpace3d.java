package nn.conv;

import autograd.Variable;
import nn.Module;
import tensor.ShapeException;

/**
 * Depth-to-space in 3D (the MAGVIT-v2 decoder's upsampling, after a convolution to
 * {@code C·sT·sH·sW} channels): {@code [N, C·sT·sH·sW, T, H, W] → [N, C, T·sT, H·sH, W·sW]}. It is
 * PyTorch's {@code pixel_shuffle} channel order extended to three axes: input channel
 * {@code c·(sT·sH·sW) + (i·sH + j)·sW + k} at {@code (t, h, w)} goes to channel {@code c} at
 * {@code (t·sT + i, h·sH + j, w·sW + k)}. With {@code sT = 1} each frame is
 * {@code pixel_shuffle(x, s)}. {@link SpaceToDepth3d} is its inverse. No parameters.
 */
public final class DepthToSpace3d extends Module {
    private final int[] factors;

    public DepthToSpace3d(int sT, int sH, int sW) {
        this.factors = SpaceToDepth3d.checkFactors("DepthToSpace3d", sT, sH, sW);
    }

    public Variable forward(Variable x) {
        String op = "DepthToSpace3d";
        if (x.shape().rank() != 5) {
            throw new ShapeException(op, "input must be [N, C, T, H, W], got shape " + x.shape());
        }
        int[] d = x.shape().dims();
        int block = factors[0] * factors[1] * factors[2];
        if (d[1] % block != 0) {
            throw new ShapeException(op, "channels " + d[1] + " (axis 1) of input " + x.shape()
                    + " are not divisible by sT·sH·sW = " + block);
        }
        int c = d[1] / block;
        return x.reshape(d[0], c, factors[0], factors[1], factors[2], d[2], d[3], d[4])
                .permute(0, 1, 5, 2, 6, 3, 7, 4)
                .reshape(d[0], c, d[2] * factors[0], d[3] * factors[1], d[4] * factors[2]);
    }

    @Override
    public String toString() {
        return "DepthToSpace3d(" + factors[0] + ", " + factors[1] + ", " + factors[2] + ")";
    }
}
