package nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.Variable;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
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
            for (TimePadding padding : TimePadding.values()) {
                frameTIgnoresLaterFrames(new CausalConv3d(2, 3, new int[] {3, 3, 3}, stride, stride[0] == 1 ? 2 : 1,
                        padding, new Generator(2)), stride);
            }
        }
    }

    private static void frameTIgnoresLaterFrames(CausalConv3d layer, int[] stride) {
        try (CausalConv3d conv = layer; MemoryScope scope = MemoryScope.open()) {
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
                    assertEquals(false, Arrays.equals(a, b), "frame " + keep + " should see the change");
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
    void replicatePaddingIsZeroPaddingOverAClipThatStartsWithCopiesOfItsFirstFrame() {
        for (int[] stride : new int[][] {{1, 1, 1}, {2, 2, 2}}) {
            int dilation = stride[0] == 1 ? 2 : 1;
            try (CausalConv3d replicate = new CausalConv3d(2, 3, new int[] {3, 3, 3}, stride, dilation,
                    TimePadding.REPLICATE, new Generator(15));
                    CausalConv3d zeros = new CausalConv3d(2, 3, new int[] {3, 3, 3}, stride, dilation, new Generator(15));
                    MemoryScope scope = MemoryScope.open()) {
                Tensor x = video(16, 2, 2, 5, 4, 4);
                int front = dilation * 2;
                Tensor first = x.slice(2, 0, 1);
                List<Tensor> parts = new ArrayList<>(Collections.nCopies(front, first));
                parts.add(x);
                // the zero-padded convolution over [x0 × front, x]: its outputs from input frame `front` on
                Tensor padded = Tensor.concat(2, parts.toArray(Tensor[]::new));
                Tensor want = zeros.forward(Variable.constant(padded)).value();
                int skip = want.dim(2) - ((5 - 1) / stride[0] + 1);
                Tensor got = replicate.forward(Variable.constant(x)).value();
                assertArrayEquals(want.slice(2, skip, want.dim(2)).contiguous().toFloatArray(), got.toFloatArray(), 1e-5f,
                        "stride " + stride[0]);
            }
        }
    }

    @Test
    void replicatePaddingKeepsAStillClipStill() {
        try (CausalConv3d conv = new CausalConv3d(2, 3, 3, TimePadding.REPLICATE, new Generator(17));
                MemoryScope scope = MemoryScope.open()) {
            Tensor frame = video(18, 1, 2, 1, 4, 4);
            Tensor y = conv.forward(Variable.constant(Tensor.concat(2, frame, frame, frame, frame))).value();
            for (int t = 1; t < 4; t++) {
                assertArrayEquals(y.slice(2, 0, 1).contiguous().toFloatArray(), y.slice(2, t, t + 1).contiguous().toFloatArray(),
                        1e-6f, "frame " + t);
            }
        }
    }

    @Test
    void aTimePaddingIsNamedAsPyTorchNamesPaddingModes() {
        assertEquals(TimePadding.REPLICATE, TimePadding.named("replicate"));
        assertEquals(TimePadding.ZEROS, TimePadding.named("zeros"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> TimePadding.named("circular"));
        assertTrue(e.getMessage().contains("\"circular\""), e.getMessage());
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
    void replicatePaddingGradientsMatchFiniteDifferences() {
        try (CausalConv3d conv = new CausalConv3d(2, 2, new int[] {3, 3, 3}, new int[] {2, 1, 1}, 1, TimePadding.REPLICATE,
                new Generator(19)); MemoryScope scope = MemoryScope.open()) {
            LayerChecks.gradcheck(conv, conv::forward, LayerChecks.uniform(new Random(20), 1, 2, 3, 3, 3));
        }
    }

    @Test
    void openClMatchesTheCpuReference() throws Exception {
        try (CausalConv3d conv = new CausalConv3d(3, 4, new int[] {3, 3, 3}, new int[] {2, 2, 2}, 1, new Generator(13));
                MemoryScope scope = MemoryScope.open()) {
            LayerChecks.assertClMatchesCpu(conv, conv::forward, LayerChecks.uniform(new Random(14), 2, 3, 5, 6, 6), 1e-3);
        }
        try (CausalConv3d conv = new CausalConv3d(3, 4, new int[] {3, 3, 3}, new int[] {1, 1, 1}, 1, TimePadding.REPLICATE,
                new Generator(13)); MemoryScope scope = MemoryScope.open()) {
            LayerChecks.assertClMatchesCpu(conv, conv::forward, LayerChecks.uniform(new Random(14), 2, 3, 5, 6, 6), 1e-3);
        }
    }
}
