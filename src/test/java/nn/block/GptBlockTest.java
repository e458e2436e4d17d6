package nn.block;

import static org.junit.jupiter.api.Assertions.assertEquals;

import autograd.GradCheck;
import java.util.List;
import java.util.Random;
import nn.conv.LayerChecks;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Generator;

class GptBlockTest {
    private static GptBlock block() {
        GptBlock block = new GptBlock(8, 2, new Generator(1));
        block.to(DType.F64);
        return block;
    }

    @Test
    void isCausal() {
        GptBlock block = block();
        CausalChecks.futureDoesNotLeakBack(block::forward, 2, 6, 8, 2);
    }

    @Test
    void cacheMatchesTheFullPass() {
        GptBlock block = block();
        CausalChecks.cacheMatchesFullPass(block::forward, block::forward, 2, 5, 8);
    }

    @Test
    void parameterNames() {
        List<String> names = List.copyOf(block().stateDict().keySet());
        assertEquals(List.of("ln_1.weight", "ln_1.bias", "attn.q_proj.weight", "attn.q_proj.bias", "attn.k_proj.weight",
                "attn.k_proj.bias", "attn.v_proj.weight", "attn.v_proj.bias", "attn.o_proj.weight", "attn.o_proj.bias",
                "ln_2.weight", "ln_2.bias", "mlp.c_fc.weight", "mlp.c_fc.bias", "mlp.c_proj.weight", "mlp.c_proj.bias"), names);
        assertEquals(tensor.Shape.of(32, 8), block().stateDict().get("mlp.c_fc.weight").shape());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        GptBlock block = block();
        GradCheck.verify(in -> block.forward(in.get(0)), GradCheck.Options.defaults().withFast(true),
                LayerChecks.uniform(new Random(2), 2, 3, 8));
    }
}
