package nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.Variable;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.ConvSpec;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;

class Conv3dTest {
    private static final ConvSpec SPEC = new ConvSpec(new int[] {1, 2, 1}, new int[] {1, 0, 1}, new int[] {0, 1, 1},
            new int[] {1, 1, 2}, 2);

    @Test
    void hasPyTorchsParametersAndDefaultInit() {
        try (Conv3d conv = new Conv3d(4, 6, new int[] {3, 2, 2}, SPEC, true, new Generator(1))) {
            assertEquals(List.of("weight", "bias"), List.copyOf(conv.stateDict().keySet()));
            assertArrayEquals(new int[] {6, 2, 3, 2, 2}, conv.weight.shape().dims());
            assertArrayEquals(new int[] {6}, conv.bias.shape().dims());
            double bound = 1 / Math.sqrt(2 * 3 * 2 * 2);
            for (float w : conv.weight.value().toFloatArray()) {
                assertTrue(Math.abs(w) <= bound, "weight " + w + " outside ±" + bound);
            }
            double spread = conv.weight.value().abs().max().item();
            assertTrue(spread > 0.8 * bound, "weights should fill U(−b, b), max |w| " + spread);
        }
    }

    @Test
    void forwardIsTheConvolutionOfItsParameters() {
        try (Conv3d conv = new Conv3d(4, 6, new int[] {3, 2, 2}, SPEC, true, new Generator(2));
                MemoryScope scope = MemoryScope.open()) {
            Tensor x = Tensor.randn(new Generator(3), tensor.DType.F32, 2, 4, 3, 5, 4);
            Tensor want = Tensor.conv3d(x, conv.weight.value(), conv.bias.value(), SPEC);
            assertArrayEquals(want.toFloatArray(), conv.forward(Variable.constant(x)).value().toFloatArray());
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(4);
        try (Conv3d conv = new Conv3d(4, 2, new int[] {2, 2, 2}, SPEC, true, new Generator(5));
                MemoryScope scope = MemoryScope.open()) {
            LayerChecks.gradcheck(conv, conv::forward, LayerChecks.uniform(r, 1, 4, 2, 3, 3));
        }
    }

    @Test
    void withoutBiasAndBadChannelsFailClearly() {
        try (Conv3d conv = new Conv3d(3, 3, 1, 1, 0, new Generator(6))) {
            assertEquals(2, conv.stateDict().size());
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> new Conv3d(3, 4, new int[] {1, 1, 1}, ConvSpec.symmetric(1, 0, 1, 2), true, new Generator(7)));
        assertTrue(e.getMessage().contains("divisible by groups 2"), e.getMessage());
    }

    @Test
    void openClMatchesTheCpuReference() throws Exception {
        Random r = new Random(8);
        try (Conv3d conv = new Conv3d(4, 6, new int[] {3, 2, 2}, SPEC, true, new Generator(9));
                MemoryScope scope = MemoryScope.open()) {
            LayerChecks.assertClMatchesCpu(conv, conv::forward, LayerChecks.uniform(r, 2, 4, 3, 5, 4), 1e-3);
        }
    }
}
