package nn.block;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.GradCheck;
import autograd.Variable;
import java.util.List;
import java.util.Random;
import nn.conv.LayerChecks;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Generator;
import tensor.Tensor;

class LlamaBlockTest {
    private static LlamaBlock block() {
        LlamaBlock block = new LlamaBlock(8, 2, 12, 1e-6, new Generator(1));
        block.to(DType.F64);
        return block;
    }

    @Test
    void isCausal() {
        LlamaBlock block = block();
        CausalChecks.futureDoesNotLeakBack(block::forward, 2, 6, 8, 3);
    }

    @Test
    void cacheMatchesTheFullPass() {
        LlamaBlock block = block();
        CausalChecks.cacheMatchesFullPass(block::forward, block::forward, 1, 6, 8);
    }

    @Test
    void swiGluIsDownOfSiluGateTimesUp() {
        SwiGlu mlp = new SwiGlu(3, 4, new Generator(2));
        mlp.to(DType.F64);
        Tensor x = LayerChecks.uniform(new Random(3), 2, 3);
        double[] gate = x.matmul(mlp.gateProj.weight.value().transpose(0, 1)).toDoubleArray();
        double[] up = x.matmul(mlp.upProj.weight.value().transpose(0, 1)).toDoubleArray();
        double[] h = new double[gate.length];
        for (int i = 0; i < h.length; i++) {
            h[i] = gate[i] / (1 + Math.exp(-gate[i])) * up[i];
        }
        double[] want = Tensor.of(h, 2, 4).matmul(mlp.downProj.weight.value().transpose(0, 1)).toDoubleArray();
        assertArrayEquals(want, mlp.forward(Variable.constant(x)).value().toDoubleArray(), 1e-12);
    }

    @Test
    void ropeThetaSetsTheRotaryBaseOfItsAttention() {
        LlamaBlock llama = block();
        LlamaBlock shortBase = new LlamaBlock(8, 2, 12, 1e-6, 50, new Generator(1));
        shortBase.to(DType.F64);
        assertEquals(50, shortBase.selfAttn.config().ropeTheta());
        Variable x = Variable.constant(LayerChecks.uniform(new Random(4), 1, 6, 8));
        double[] standard = llama.forward(x).value().toDoubleArray();
        double[] other = shortBase.forward(x).value().toDoubleArray();
        assertArrayEquals(standard, llama.forward(x).value().toDoubleArray(), 0, "same weights, same output");
        double gap = 0;
        for (int i = 0; i < standard.length; i++) {
            gap = Math.max(gap, Math.abs(standard[i] - other[i]));
        }
        assertTrue(gap > 1e-6, "the same weights under another base see positions differently: " + gap);
    }

    @Test
    void parameterNamesAreHuggingFaces() {
        assertEquals(List.of("input_layernorm.weight", "self_attn.q_proj.weight", "self_attn.k_proj.weight",
                "self_attn.v_proj.weight", "self_attn.o_proj.weight", "post_attention_layernorm.weight",
                "mlp.gate_proj.weight", "mlp.up_proj.weight", "mlp.down_proj.weight"),
                List.copyOf(block().stateDict().keySet()));
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        LlamaBlock block = block();
        GradCheck.verify(in -> block.forward(in.get(0)), GradCheck.Options.defaults().withFast(true),
                LayerChecks.uniform(new Random(4), 2, 3, 8));
    }
}
