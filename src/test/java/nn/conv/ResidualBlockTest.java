package nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import autograd.Variable;
import java.util.List;
import java.util.Random;
import nn.GroupNorm;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;

class ResidualBlockTest {
    @Test
    void hasTamingsNamesAndAShortcutOnlyWhenChannelsChange() {
        try (ResidualBlock same = new ResidualBlock(4, 4, 2, new Generator(1));
                ResidualBlock wider = new ResidualBlock(4, 6, 2, new Generator(2))) {
            assertEquals(List.of("norm1.weight", "norm1.bias", "conv1.conv.weight", "conv1.conv.bias", "norm2.weight",
                    "norm2.bias", "conv2.conv.weight", "conv2.conv.bias"), List.copyOf(same.stateDict().keySet()));
            assertEquals(List.of("nin_shortcut.weight", "nin_shortcut.bias"),
                    wider.stateDict().keySet().stream().filter(k -> k.startsWith("nin")).toList());
            assertArrayEquals(new int[] {6, 4, 1, 1, 1}, wider.ninShortcut.weight.shape().dims());
        }
    }

    @Test
    void forwardIsTheFormulaOfItsParts() {
        try (ResidualBlock block = new ResidualBlock(4, 6, 2, new Generator(3)); MemoryScope scope = MemoryScope.open()) {
            Variable x = Variable.constant(Tensor.randn(new Generator(4), DType.F32, 2, 4, 3, 4, 4));
            Variable h = block.conv1.forward(GroupNorm.apply(x, 2, null, null, 1e-5).silu());
            h = block.conv2.forward(GroupNorm.apply(h, 2, null, null, 1e-5).silu());
            Tensor want = block.ninShortcut.forward(x).add(h).value();
            Variable y = block.forward(x);
            assertArrayEquals(new int[] {2, 6, 3, 4, 4}, y.shape().dims());
            assertArrayEquals(want.toFloatArray(), y.value().toFloatArray(), 1e-5f);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        try (ResidualBlock block = new ResidualBlock(2, 4, 2, new Generator(8)); MemoryScope scope = MemoryScope.open()) {
            LayerChecks.gradcheck(block, block::forward, LayerChecks.uniform(new Random(9), 1, 2, 2, 2, 2));
        }
    }

    @Test
    void openClMatchesTheCpuReference() throws Exception {
        try (ResidualBlock block = new ResidualBlock(4, 8, 2, new Generator(10)); MemoryScope scope = MemoryScope.open()) {
            LayerChecks.assertClMatchesCpu(block, block::forward, LayerChecks.uniform(new Random(11), 2, 4, 3, 4, 4), 2e-3);
        }
    }
}
