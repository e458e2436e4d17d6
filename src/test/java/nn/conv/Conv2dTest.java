package nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import autograd.Variable;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.ShapeException;
import tensor.Tensor;

class Conv2dTest {
    @Test
    void isTheImageConvolutionWithPyTorchsLayout() {
        try (Conv2d conv = new Conv2d(4, 6, 3, 2, 1, 1, 2, true, new Generator(1));
                MemoryScope scope = MemoryScope.open()) {
            assertEquals(List.of("weight", "bias"), List.copyOf(conv.stateDict().keySet()));
            assertArrayEquals(new int[] {6, 2, 3, 3}, conv.weight.shape().dims());
            Tensor x = Tensor.randn(new Generator(2), DType.F32, 2, 4, 7, 6);
            Tensor want = Tensor.conv2d(x, conv.weight.value(), conv.bias.value(), 2, 1, 1, 2);
            Variable y = conv.forward(Variable.constant(x));
            assertArrayEquals(want.shape().dims(), y.shape().dims());
            assertArrayEquals(want.toFloatArray(), y.value().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (Conv2d conv = new Conv2d(2, 3, 3, 1, 1, new Generator(3)); MemoryScope scope = MemoryScope.open()) {
            LayerChecks.gradcheck(conv, conv::forward, LayerChecks.uniform(new Random(4), 1, 2, 3, 4));
        }
    }

    @Test
    void rejectsVideoInput() {
        try (Conv2d conv = new Conv2d(2, 3, 3, 1, 1, new Generator(3)); MemoryScope scope = MemoryScope.open()) {
            assertThrows(ShapeException.class, () -> conv.forward(Variable.constant(Tensor.zeros(1, 2, 1, 3, 3))));
        }
    }

    @Test
    void openClMatchesTheCpuReference() throws Exception {
        try (Conv2d conv = new Conv2d(4, 6, 3, 2, 1, new Generator(5)); MemoryScope scope = MemoryScope.open()) {
            LayerChecks.assertClMatchesCpu(conv, conv::forward, LayerChecks.uniform(new Random(6), 2, 4, 7, 6), 1e-3);
        }
    }
}
