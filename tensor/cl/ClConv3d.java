package tensor.cl;

import tensor.ConvSpec;
import tensor.Tensor;

/**
 * 3D convolution and its two gradients on the device ({@code conv3d.cl}): one work-item per
 * element of the result, summing directly. Correct for every geometry; faster kernels replace these.
 */
final class ClConv3d {
    private static final String FILE = "conv3d.cl";

    private ClConv3d() {}

    static void conv3d(ClBackend cl, Tensor x, Tensor w, Tensor bias, Tensor out, ConvSpec spec) {
        Tensor b = bias == null ? out : bias;
        cl.kernel(FILE, "conv3d_forward", ClBackend.typeOptions(out.dtype())).launch1d(out.numel(), x, x.offset(), w,
                w.offset(), b, bias == null ? 0 : bias.offset(), bias == null ? 0 : 1, out, geometry(x, w, out, spec));
    }

    static void inputGrad(ClBackend cl, Tensor gradOut, Tensor w, Tensor gradIn, ConvSpec spec) {
        cl.kernel(FILE, "conv3d_input_grad", ClBackend.typeOptions(gradIn.dtype())).launch1d(gradIn.numel(), gradOut,
                gradOut.offset(), w, w.offset(), gradIn, geometry(gradIn, w, gradOut, spec));
    }

    static void weightGrad(ClBackend cl, Tensor x, Tensor gradOut, Tensor gradW, ConvSpec spec) {
        cl.kernel(FILE, "conv3d_weight_grad", ClBackend.typeOptions(gradW.dtype())).launch1d(gradW.numel(), x,
                x.offset(), gradOut, gradOut.offset(), gradW, geometry(x, gradW, gradOut, spec));
    }

    /** The {@code Conv} struct of {@code conv3d.cl} for input {@code x}, weight {@code w} and output {@code y} shapes. */
    private static int[] geometry(Tensor x, Tensor w, Tensor y, ConvSpec spec) {
        int[] g = new int[13 + 9];
        int[] xd = x.shape().dims();
        System.arraycopy(xd, 0, g, 0, 5);
        g[5] = w.dim(0);
        g[6] = w.dim(2);
        g[7] = w.dim(3);
        g[8] = w.dim(4);
        g[9] = y.dim(2);
        g[10] = y.dim(3);
        g[11] = y.dim(4);
        g[12] = spec.groups();
        System.arraycopy(spec.stride(), 0, g, 13, 3);
        System.arraycopy(spec.padBefore(), 0, g, 16, 3);
        System.arraycopy(spec.dilation(), 0, g, 19, 3);
        return g;
    }
}
