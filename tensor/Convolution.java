package tensor;

/**
 * 3D (and 2D) convolution and its two backward passes: the shape checks and output allocation in
 * front of {@link Backend#conv3d}, {@link Backend#conv3dInputGrad} and {@link Backend#conv3dWeightGrad}.
 *
 * <p>Layouts are PyTorch's: input {@code [N, C, T, H, W]}, weight {@code [O, C/groups, kT, kH, kW]},
 * bias {@code [O]}, output {@code [N, O, To, Ho, Wo]} with
 * {@code To = (T + padBefore + padAfter − dilation·(kT − 1) − 1) / stride + 1} (likewise H, W); see
 * {@link ConvSpec}. A 2D convolution is the 3D one with a time axis of length 1, added and removed
 * as free views.
 */
final class Convolution {
    private static final String[] AXES = {"T", "H", "W"};

    private Convolution() {}

    static Tensor conv3d(Tensor x, Tensor w, Tensor bias, ConvSpec spec) {
        checkRank("conv3d", x, w, 5);
        return forward("conv3d", x, w, bias, spec, x.shape(), w.shape());
    }

    static Tensor conv2d(Tensor x, Tensor w, Tensor bias, int stride, int padding, int dilation, int groups) {
        checkRank("conv2d", x, w, 4);
        checkPair("conv2d", x, w, "input", "weight");
        ConvSpec spec = new ConvSpec(new int[] {1, stride, stride}, new int[] {0, padding, padding},
                new int[] {0, padding, padding}, new int[] {1, dilation, dilation}, groups);
        Tensor x5 = withUnitTime(x);
        Tensor w5 = withUnitTime(w);
        Tensor out5;
        try {
            out5 = forward("conv2d", x5, w5, bias, spec, x.shape(), w.shape());
        } finally {
            x5.close();
            w5.close();
        }
        Shape out4 = Shape.of(out5.dim(0), out5.dim(1), out5.dim(3), out5.dim(4));
        Tensor out = out5.view(out4, out4.contiguousStrides(), out5.offset());
        out5.close();
        return out;
    }

    static Tensor inputGrad(Tensor gradOut, Tensor w, Shape inputShape, ConvSpec spec) {
        String op = "conv3dInputGrad";
        checkPair(op, gradOut, w, "gradOut", "weight");
        checkRank(op, "input", inputShape, 5);
        checkRank(op, "weight", w.shape(), 5);
        Shape expected = outputShape(op, inputShape, w.shape(), spec, inputShape, w.shape());
        checkGradOut(op, gradOut, expected, "input " + inputShape + " and weight " + w.shape());
        Tensor gradIn = Tensor.empty(w.backend(), w.dtype(), inputShape);
        if (gradIn.numel() == 0) {
            return gradIn;
        }
        try (Operands in = Operands.dense(gradOut, w)) {
            w.backend().conv3dInputGrad(in.get(0), in.get(1), gradIn, spec);
        }
        return gradIn;
    }

    static Tensor weightGrad(Tensor x, Tensor gradOut, Shape weightShape, ConvSpec spec) {
        String op = "conv3dWeightGrad";
        checkPair(op, x, gradOut, "input", "gradOut");
        checkRank(op, "input", x.shape(), 5);
        checkRank(op, "weight", weightShape, 5);
        Shape expected = outputShape(op, x.shape(), weightShape, spec, x.shape(), weightShape);
        checkGradOut(op, gradOut, expected, "input " + x.shape() + " and weight " + weightShape);
        Tensor gradW = Tensor.empty(x.backend(), x.dtype(), weightShape);
        if (gradW.numel() == 0) {
            return gradW;
        }
        try (Operands in = Operands.dense(x, gradOut)) {
            x.backend().conv3dWeightGrad(in.get(0), in.get(1), gradW, spec);
        }
        return gradW;
    }

    /** Checks, allocates and runs the forward pass; {@code xShown}/{@code wShown} are the caller's shapes for messages. */
    private static Tensor forward(String op, Tensor x, Tensor w, Tensor bias, ConvSpec spec, Shape xShown, Shape wShown) {
        checkPair(op, x, w, "input", "weight");
        Shape outShape = outputShape(op, x.shape(), w.shape(), spec, xShown, wShown);
        if (bias != null) {
            checkPair(op, x, bias, "input", "bias");
            if (bias.rank() != 1 || bias.dim(0) != w.dim(0)) {
                throw new ShapeException(op, "bias must have shape [" + w.dim(0) + "] (the output channels of weight "
                        + wShown + "), got " + bias.shape());
            }
        }
        Tensor out = Tensor.empty(x.backend(), x.dtype(), outShape);
        if (out.numel() == 0) {
            return out;
        }
        try (Operands in = Operands.dense(x, w, bias)) {
            x.backend().conv3d(in.get(0), in.get(1), in.get(2), out, spec);
        }
        return out;
    }

    /**
     * The output shape {@code [N, O, To, Ho, Wo]} of convolving {@code x} by {@code w}, after checking
     * that channels and groups agree and that every output size is at least 1.
     */
    private static Shape outputShape(String op, Shape x, Shape w, ConvSpec spec, Shape xShown, Shape wShown) {
        int groups = spec.groups();
        int channels = x.dim(1);
        int outChannels = w.dim(0);
        String shapes = "(input " + xShown + ", weight " + wShown + ")";
        if (channels % groups != 0) {
            throw new ShapeException(op, "input channels " + channels + " (axis 1) are not divisible by groups "
                    + groups + " " + shapes);
        }
        if (outChannels % groups != 0) {
            throw new ShapeException(op, "output channels " + outChannels + " (axis 0 of the weight) are not divisible by groups "
                    + groups + " " + shapes);
        }
        if (w.dim(1) != channels / groups) {
            throw new ShapeException(op, "weight has " + w.dim(1) + " input channels (axis 1) but " + channels
                    + " input channels in " + groups + " group(s) need " + channels / groups + " " + shapes);
        }
        int[] out = {x.dim(0), outChannels, 0, 0, 0};
        for (int a = 0; a < 3; a++) {
            int in = x.dim(2 + a);
            int k = w.dim(2 + a);
            if (k < 1) {
                throw new ShapeException(op, "kernel size along " + AXES[a] + " is 0 " + shapes);
            }
            out[2 + a] = spec.outputSize(a, in, k);
            if (out[2 + a] < 1) {
                int dilated = spec.dilation()[a] * (k - 1) + 1;
                throw new ShapeException(op, "output size along " + AXES[a] + " would be 0: input " + in + " + padding "
                        + spec.padBefore()[a] + " + " + spec.padAfter()[a] + " is shorter than the dilated kernel "
                        + dilated + " " + shapes);
            }
        }
        return Shape.of(out);
    }

    private static void checkRank(String op, Tensor x, Tensor w, int rank) {
        String layout = rank == 5 ? "[N, C, T, H, W]" : "[N, C, H, W]";
        String weightLayout = rank == 5 ? "[O, C/groups, kT, kH, kW]" : "[O, C/groups, kH, kW]";
        if (x.rank() != rank) {
            throw new ShapeException(op, "input must be " + layout + ", got shape " + x.shape());
        }
        if (w.rank() != rank) {
            throw new ShapeException(op, "weight must be " + weightLayout + ", got shape " + w.shape());
        }
    }

    private static void checkRank(String op, String what, Shape s, int rank) {
        if (s.rank() != rank) {
            throw new ShapeException(op, what + " must have rank " + rank + ", got shape " + s);
        }
    }

    /** Same backend, same floating dtype, both open. */
    private static void checkPair(String op, Tensor a, Tensor b, String aName, String bName) {
        a.checkOpen(op);
        b.checkOpen(op);
        String shapes = aName + " " + a.shape() + " and " + bName + " " + b.shape();
        if (a.backend() != b.backend()) {
            throw new ShapeException(op, shapes + " live on different backends: " + a.backend().name() + " and "
                    + b.backend().name());
        }
        if (a.dtype() != b.dtype()) {
            throw new ShapeException(op, "dtypes differ: " + shapes + " are " + a.dtype() + " and " + b.dtype());
        }
        if (!a.dtype().isFloating()) {
            throw new ShapeException(op, "needs floating tensors (F32 or F64), got " + a.dtype() + " for " + shapes);
        }
    }

    private static void checkGradOut(String op, Tensor gradOut, Shape expected, String from) {
        if (!gradOut.shape().equals(expected)) {
            throw new ShapeException(op, "gradOut has shape " + gradOut.shape() + " but " + from + " give output "
                    + expected);
        }
    }

    /** {@code [N, C, H, W]} seen as {@code [N, C, 1, H, W]} (any strides; a free view). */
    private static Tensor withUnitTime(Tensor t) {
        int[] s = t.strides();
        Shape five = Shape.of(t.dim(0), t.dim(1), 1, t.dim(2), t.dim(3));
        return t.view(five, new int[] {s[0], s[1], 0, s[2], s[3]}, t.offset());
    }
}
