package train.bench;

import tensor.ConvSpec;
import tensor.DType;
import tensor.Generator;
import tensor.Tensor;

/**
 * One training step of a 3D convolution layer, stride 1 with "same" zero padding and a bias, on
 * {@code x [b, c, t, s, s]} F32 with {@code c → c} channels and a {@code k³} kernel: the forward
 * pass, then the gradients of the input and of the weight for an output gradient drawn once.
 * Each of the three is {@code b·c·c·k³·t·s²} multiply-adds, so the step counts
 * {@code 3 × 2·b·c·c·k³·t·s²} flops.
 */
public record Conv3dFwdBwd(int b, int c, int t, int s, int k) implements Workload {

    @Override
    public String name() {
        return "conv3d_k" + k + "_c" + c + "_t" + t + "_s" + s + "_b" + b + "_fwdbwd";
    }

    @Override
    public Trial prepare(Generator gen) {
        Tensor x = Tensor.randn(gen, DType.F32, b, c, t, s, s);
        Tensor w = Tensor.randn(gen, DType.F32, c, c, k, k, k).mul(0.05);
        Tensor bias = Tensor.randn(gen, DType.F32, c);
        Tensor gradOut = Tensor.randn(gen, DType.F32, b, c, t, s, s);
        ConvSpec spec = ConvSpec.symmetric(1, k / 2, 1, 1);
        double macs = (double) b * c * c * k * k * k * t * s * s;
        return Trial.of(() -> {
            Tensor.conv3d(x, w, bias, spec);
            Tensor.conv3dInputGrad(gradOut, w, x.shape(), spec);
            Tensor.conv3dWeightGrad(x, gradOut, w.shape(), spec);
        }, Work.flops(3 * 2 * macs));
    }
}
