package nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import autograd.Variable;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;

class CausalConv3dTest {
    private static Tensor video(long seed, int... dims) {
        return Tensor.randn(new Generator(seed), DType.F32, dims);
    }

    @Test
    void parametersLiveInAConvChild() {
        try (CausalConv3d conv = new CausalConv3d(3, 5, 3, new Generator(1))) {
            assertEquals(List.of("conv.weight", "conv.bias"), List.copyOf(conv.stateDict().keySet()));
            assertArrayEquals(new int[] {5, 3, 3, 3, 3}, conv.conv.weight.shape().dims());
        }
    }

    @Test
    void outputFrameTIgnoresLaterInputFrames() {
        int[][] strides = {{1, 1, 1}, {2, 1, 1}};
        for (int[] stride : strides) {
            try (CausalConv3d conv = new CausalConv3d(2, 3, new int[] {3, 3, 3}, stride, stride[0] == 1 ? 2 : 1,
                    new Generator(2)); MemoryScope scope = MemoryScope.open()) {
                Tensor x = video(3, 1, 2, 7, 4, 4);
                Tensor y = conv.forward(Variable.constant(x)).value();
                for (int cut = 0; cut < 7; cut++) {
                    // replace every input frame after `cut`; outputs whose input time t·sT ≤ cut must not move
                    Tensor changed = Tensor.concat(2, x.slice(2, 0, cut + 1), video(4 + cut, 1, 2, 6 - cut, 4, 4));
                    Tensor y2 = conv.forward(Variable.constant(changed)).value();
                    int keep = cut / stride[0] + 1;
                    assertArrayEquals(y.slice(2, 0, keep).toFloatArray(), y2.slice(2, 0, keep).toFloatArray(),
                            "stride " + stride[0] + ", frames after " + cut + " changed");
                    if (keep < y.dim(2)) {
                        float[] a = y.slice(2, keep, keep + 1).toFloatArray();
                        float[] b = y2.slice(2, keep, keep + 1).toFloatArray();
                        assertEquals(false, java.util.Arrays.equals(a, b), "frame " + keep + " should see the change");
                    }
                }
            }
        }
    }

    @Test
    void aOneFrameInputIsTheImagePathWithTheLastKernelSlice() {
        try (CausalConv3d conv = new CausalConv3d(3, 4, 3, new Generator(5)); MemoryScope scope = MemoryScope.open()) {
            Tensor image = video(6, 2, 3, 5, 6);
            Tensor frame = image.unsqueeze(2);
            Tensor y = conv.forward(Variable.constant(frame)).value();
            // zero padding in front: only the kernel's last time slice meets frame 0
            Tensor w2 = conv.conv.weight.value().slice(2, 2, 3).squeeze(2);
            Tensor want = Tensor.conv2d(image, w2, conv.conv.bias.value(), 1, 1, 1, 1);
            assertArrayEquals(new int[] {2, 4, 1, 5, 6}, y.shape().dims());
            assertArrayEquals(want.toFloatArray(), y.squeeze(2).toFloatArray(), 1e-5f);
            // and frame 0 of a longer clip is the same image
            Tensor clip = Tensor.concat(2, frame, video(7, 2, 3, 4, 5, 6));
            Tensor first = conv.forward(Variable.constant(clip)).value().slice(2, 0, 1);
            assertArrayEquals(y.toFloatArray(), first.toFloatArray(), 1e-6f);
        }
    }

    @Test
    void twoStride2TimeDownsamplingsMap1Plus4kFramesTo1PlusK() {
        try (CausalConv3d down1 = new CausalConv3d(2, 2, new int[] {3, 3, 3}, new int[] {2, 2, 2}, 1, new Generator(8));
                CausalConv3d down2 = new CausalConv3d(2, 2, new int[] {3, 3, 3}, new int[] {2, 1, 1}, 1, new Generator(9));
                MemoryScope scope = MemoryScope.open()) {
            for (int k = 0; k <= 3; k++) {
                Variable x = Variable.constant(video(10, 1, 2, 1 + 4 * k, 4, 4));
                Variable mid = down1.forward(x);
                Variable out = down2.forward(mid);
                assertEquals(1 + 2 * k, mid.shape().dim(2), "after one downsampling, k = " + k);
                assertEquals(1 + k, out.shape().dim(2), "after two, k = " + k);
                assertArrayEquals(new int[] {1, 2, 1 + k, 2, 2}, out.shape().dims());
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (CausalConv3d conv = new CausalConv3d(2, 2, new int[] {3, 3, 3}, new int[] {2, 1, 1}, 1, new Generator(11));
                MemoryScope scope = MemoryScope.open()) {
            LayerChecks.gradcheck(conv, conv::forward, LayerChecks.uniform(new Random(12), 1, 2, 3, 3, 3));
        }
    }

    @Test
    void openClMatchesTheCpuReference() throws Exception {
        try (CausalConv3d conv = new CausalConv3d(3, 4, new int[] {3, 3, 3}, new int[] {2, 2, 2}, 1, new Generator(13));
                MemoryScope scope = MemoryScope.open()) {
            LayerChecks.assertClMatchesCpu(conv, conv::forward, LayerChecks.uniform(new Random(14), 2, 3, 5, 6, 6), 1e-3);
        }
    }
}
