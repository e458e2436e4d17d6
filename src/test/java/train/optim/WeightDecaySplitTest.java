package train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tensor.Tensor;

/** Parameter groups: the decay / no-decay split, per-group hyper-parameters, and group validation. */
class WeightDecaySplitTest {

    private static Variable ones(int... shape) {
        return Variable.parameter(Tensor.ones(shape));
    }

    @Test
    void biasesNormsAndVectorsGetNoDecay() {
        Map<String, Variable> named = new LinkedHashMap<>();
        named.put("blocks.0.attn.qkv.weight", ones(6, 2));
        named.put("blocks.0.attn.qkv.bias", ones(6));
        named.put("blocks.0.norm1.weight", ones(2));
        named.put("embed.conv.weight", ones(2, 2, 1, 1, 1));
        named.put("embed.conv.bias", ones(2, 1)); // a bias by name, whatever its rank
        named.put("blocks.0.GroupNorm.scale", ones(2, 1, 1, 1)); // a norm gain by name
        named.put("pos_embed", ones(4, 2));
        List<ParamGroup> groups = WeightDecaySplit.groups(named, 0.1);
        assertEquals(List.of("blocks.0.attn.qkv.weight", "embed.conv.weight", "pos_embed"), groups.get(0).names());
        assertEquals(List.of("blocks.0.attn.qkv.bias", "blocks.0.norm1.weight", "embed.conv.bias",
                "blocks.0.GroupNorm.scale"), groups.get(1).names());
        assertEquals(0.1, groups.get(0).weightDecay().getAsDouble());
        assertEquals(0, groups.get(1).weightDecay().getAsDouble());
    }

    @Test
    void adamWDecaysOnlyTheDecayGroup() {
        Map<String, Variable> named = new LinkedHashMap<>();
        Variable w = Variable.parameter(Tensor.full(2.0, tensor.DType.F64, 2, 2));
        Variable b = Variable.parameter(Tensor.full(2.0, tensor.DType.F64, 2));
        named.put("linear.weight", w);
        named.put("linear.bias", b);
        try (AdamW opt = new AdamW(WeightDecaySplit.groups(named, 0.5), AdamW.defaults().withLr(0.1))) {
            // Zero gradients: Adam's update is 0/(0 + ε) = 0, so only the decoupled decay moves anything.
            for (Variable p : List.of(w, b)) {
                try (Tensor zeros = p.value().zerosLike()) {
                    p.mul(Variable.constant(zeros)).sum().backward();
                }
            }
            opt.step();
            assertArrayEquals(new double[] {1.9, 1.9, 1.9, 1.9}, Gradients.values(w), 1e-15); // 2·(1 − 0.1·0.5)
            assertArrayEquals(new double[] {2, 2}, Gradients.values(b));
        }
    }

    @Test
    void aGroupMaySetItsOwnLearningRate() {
        Variable a = Gradients.parameter(1);
        Variable b = Gradients.parameter(1);
        try (Sgd sgd = new Sgd(List.of(ParamGroup.of(a), ParamGroup.of(b).withLr(0.5)), Sgd.Config.defaults().withLr(0.1))) {
            assertEquals(0.1, sgd.lr(0));
            assertEquals(0.5, sgd.lr(1));
            Gradients.set(a, 1);
            Gradients.set(b, 1);
            sgd.step();
            assertArrayEquals(new double[] {0.9}, Gradients.values(a), 1e-15);
            assertArrayEquals(new double[] {0.5}, Gradients.values(b), 1e-15);
            sgd.setLr(0.2);
            assertEquals(0.2, sgd.lr(1));
        }
    }

    @Test
    void aParameterBelongsToOneGroupOnly() {
        Variable a = Gradients.parameter(1);
        var e = assertThrows(IllegalArgumentException.class,
                () -> new Sgd(List.of(ParamGroup.of(a), ParamGroup.of(a)), Sgd.Config.defaults()));
        assertTrue(e.getMessage().contains("more than one group"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> ParamGroup.of(a, a));
    }

    @Test
    void onlyLeavesThatRequireGradientsCanBeOptimised() {
        Variable c = Variable.constant(Tensor.ones(2));
        var e = assertThrows(IllegalArgumentException.class, () -> ParamGroup.of(c));
        assertTrue(e.getMessage().contains("Variable.parameter"), e.getMessage());
    }
}
