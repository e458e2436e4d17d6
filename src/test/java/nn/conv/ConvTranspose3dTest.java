package nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.Variable;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.ConvSpec;
import tensor.DType;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;

class ConvTranspose3dTest {
    @Test
    void hasPyTorchsLayoutOutputSizeAndInit() {
        ConvSpec spec = new ConvSpec(new int[] {2, 2, 1}, new int[] {1, 1, 0}, new int[] {1, 1, 0}, new int[] {1, 1, 1}, 2);
        try (ConvTranspose3d up = new ConvTranspose3d(4, 6, new int[] {4, 4, 3}, spec, new int[] {1, 0, 0}, true,
                new Generator(1)); MemoryScope scope = MemoryScope.open()) {
            assertEquals(List.of("weight", "bias"), List.copyOf(up.stateDict().keySet()));
            assertArrayEquals(new int[] {4, 3, 4, 4, 3}, up.weight.shape().dims());
            double bound = 1 / Math.sqrt(3 * 4 * 4 * 3);
            assertTrue(up.weight.value().abs().max().item() <= bound);
            Variable y = up.forward(Variable.constant(Tensor.randn(new Generator(2), DType.F32, 1, 4, 3, 5, 2)));
            // (in − 1)·stride − 2·padding + dilation·(k − 1) + outputPadding + 1
            assertArrayEquals(new int[] {1, 6, 2 * 2 - 2 + 3 + 1 + 1, 4 * 2 - 2 + 3 + 1, 1 + 2 + 1}, y.shape().dims());
        }
    }

    @Test
    void undoesTheShapeOfTheStridedConvolution() {
        try (Conv3d down = new Conv3d(2, 3, 4, 2, 1, new Generator(3));
                ConvTranspose3d up = new ConvTranspose3d(3, 2, 4, 2, 1, new Generator(4));
                MemoryScope scope = MemoryScope.open()) {
            Variable x = Variable.constant(Tensor.randn(new Generator(5), DType.F32, 1, 2, 4, 8, 6));
            assertArrayEquals(x.shape().dims(), up.forward(down.forward(x)).shape().dims());
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (ConvTranspose3d up = new ConvTranspose3d(2, 3, 2, 2, 0, new Generator(6)); MemoryScope scope = MemoryScope.open()) {
            LayerChecks.gradcheck(up, up::forward, LayerChecks.uniform(new Random(7), 1, 2, 2, 2, 2));
        }
    }

    @Test
    void openClMatchesTheCpuReference() throws Exception {
        try (ConvTranspose3d up = new ConvTranspose3d(4, 3, 4, 2, 1, new Generator(8)); MemoryScope scope = MemoryScope.open()) {
            LayerChecks.assertClMatchesCpu(up, up::forward, LayerChecks.uniform(new Random(9), 2, 4, 2, 3, 3), 1e-3);
        }
    }
}
