package nn.conv;

import autograd.Variable;
import nn.Module;
import tensor.ShapeException;

/**
 * Space-to-depth in 3D, the inverse of {@link DepthToSpace3d} (PyTorch's {@code pixel_unshuffle}
 * order extended to three axes): {@code [N, C, T·sT, H·sH, W·sW] → [N, C·sT·sH·sW, T, H, W]}, the
 * element of channel {@code c} at {@code (t·sT + i, h·sH + j, w·sW + k)} going to channel
 * {@code c·(sT·sH·sW) + (i·sH + j)·sW + k} at {@code (t, h, w)}. No parameters.
 */
public final class SpaceToDepth3d extends Module {
    private final int[] factors;

    public SpaceToDepth3d(int sT, int sH, int sW) {
        this.factors = checkFactors("SpaceToDepth3d", sT, sH, sW);
    }

    static int[] checkFactors(String layer, int sT, int sH, int sW) {
        if (sT < 1 || sH < 1 || sW < 1) {
            throw new IllegalArgumentException(layer + ": factors must be ≥ 1, got (" + sT + ", " + sH + ", " + sW + ")");
        }
        return new int[] {sT, sH, sW};
    }

    public Variable forward(Variable x) {
        String op = "SpaceToDepth3d";
        if (x.shape().rank() != 5) {
            throw new ShapeException(op, "input must be [N, C, T, H, W], got shape " + x.shape());
        }
        int[] d = x.shape().dims();
        String[] axes = {"T", "H", "W"};
        for (int a = 0; a < 3; a++) {
            if (d[2 + a] % factors[a] != 0) {
                throw new ShapeException(op, "size " + d[2 + a] + " along " + axes[a] + " (axis " + (2 + a) + ") of input "
                        + x.shape() + " is not divisible by its factor " + factors[a]);
            }
        }
        int t = d[2] / factors[0];
        int h = d[3] / factors[1];
        int w = d[4] / factors[2];
        return x.reshape(d[0], d[1], t, factors[0], h, factors[1], w, factors[2])
                .permute(0, 1, 3, 5, 7, 2, 4, 6)
                .reshape(d[0], d[1] * factors[0] * factors[1] * factors[2], t, h, w);
    }

    @Override
    public String toString() {
        return "SpaceToDepth3d(" + factors[0] + ", " + factors[1] + ", " + factors[2] + ")";
    }
}
