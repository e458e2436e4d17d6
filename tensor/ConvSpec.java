package tensor;

import java.util.Arrays;

/**
 * Geometry of a 3D convolution over {@code N, C, T, H, W} inputs with {@code [out, in/groups,
 * kT, kH, kW]} weights (PyTorch's {@code Conv3d} layout). Padding may differ before and after each
 * axis, which is what causal convolution needs (time padding in front only).
 *
 * <p>Output size per axis: {@code (in + padBefore + padAfter − dilation·(k − 1) − 1) / stride + 1}.
 *
 * @param stride    strides along T, H, W
 * @param padBefore zero padding in front of T, H, W
 * @param padAfter  zero padding after T, H, W
 * @param dilation  dilations along T, H, W
 * @param groups    channel groups; input and output channels must both divide by it
 */
public record ConvSpec(int[] stride, int[] padBefore, int[] padAfter, int[] dilation, int groups) {

    public ConvSpec {
        check("stride", stride, 1);
        check("padBefore", padBefore, 0);
        check("padAfter", padAfter, 0);
        check("dilation", dilation, 1);
        if (groups < 1) {
            throw new ShapeException("conv3d", "groups must be at least 1, got " + groups);
        }
        stride = stride.clone();
        padBefore = padBefore.clone();
        padAfter = padAfter.clone();
        dilation = dilation.clone();
    }

    private static void check(String name, int[] v, int min) {
        if (v.length != 3) {
            throw new ShapeException("conv3d", name + " needs 3 values (T, H, W), got " + Arrays.toString(v));
        }
        for (int x : v) {
            if (x < min) {
                throw new ShapeException("conv3d", name + " values must be at least " + min + ", got "
                        + Arrays.toString(v));
            }
        }
    }

    /** Stride 1, no padding, no dilation, one group. */
    public static ConvSpec defaults() {
        return symmetric(1, 0, 1, 1);
    }

    /** The same stride, symmetric padding and dilation on every axis. */
    public static ConvSpec symmetric(int stride, int padding, int dilation, int groups) {
        int[] s = {stride, stride, stride};
        int[] p = {padding, padding, padding};
        int[] d = {dilation, dilation, dilation};
        return new ConvSpec(s, p, p, d, groups);
    }

    /** Output length along axis {@code a} (0 = T, 1 = H, 2 = W) for an input length and kernel size. */
    public int outputSize(int a, int in, int kernel) {
        int span = in + padBefore[a] + padAfter[a] - dilation[a] * (kernel - 1) - 1;
        return span < 0 ? 0 : span / stride[a] + 1;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ConvSpec c && Arrays.equals(stride, c.stride) && Arrays.equals(padBefore, c.padBefore)
                && Arrays.equals(padAfter, c.padAfter) && Arrays.equals(dilation, c.dilation) && groups == c.groups;
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(stride) * 31 + Arrays.hashCode(padBefore) * 17 + Arrays.hashCode(padAfter) * 7
                + Arrays.hashCode(dilation) + groups;
    }

    @Override
    public String toString() {
        return "ConvSpec[stride=" + Arrays.toString(stride) + ", padBefore=" + Arrays.toString(padBefore)
                + ", padAfter=" + Arrays.toString(padAfter) + ", dilation=" + Arrays.toString(dilation)
                + ", groups=" + groups + "]";
    }
}
