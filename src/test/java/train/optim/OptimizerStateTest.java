package train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.Variable;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Tensor;

/** The state dict: its keys, an exact resume from a saved copy, and bad states refused without a change. */
class OptimizerStateTest {
    private static final double[][] GRADS = {{0.5, -1.0}, {0.25, 0.75}, {-0.3, 0.1}, {1.1, -0.4}, {0.2, 0.3}};

    private static Map<String, Variable> model() {
        Map<String, Variable> named = new LinkedHashMap<>();
        named.put("w", Gradients.parameter(1.0, -2.0));
        named.put("b", Gradients.parameter(0.5, 0.25));
        return named;
    }

    private static void train(Optimizer opt, Map<String, Variable> named, int from, int to) {
        for (int t = from; t < to; t++) {
            for (Variable p : named.values()) {
                Gradients.set(p, GRADS[t]);
            }
            opt.step();
        }
    }

    /** A copy of the state, as a checkpoint holds it once saved and read back. */
    private static OptimizerState saved(OptimizerState live) {
        Map<String, Tensor> tensors = new HashMap<>();
        live.tensors().forEach((k, t) -> tensors.put(k, t.to(DType.F64)));
        return new OptimizerState(tensors, live.steps());
    }

    @Test
    void keysFollowPyTorchsStateNames() {
        Map<String, Variable> named = model();
        try (AdamW opt = new AdamW(List.of(ParamGroup.named(named)), AdamW.defaults())) {
            train(opt, named, 0, 2);
            OptimizerState s = opt.stateDict();
            assertEquals(List.of("b.exp_avg", "b.exp_avg_sq", "w.exp_avg", "w.exp_avg_sq"), List.copyOf(s.tensors().keySet()));
            assertEquals(Map.of("w", 2L, "b", 2L), s.steps());
        }
        Variable p = Gradients.parameter(1.0);
        try (Sgd sgd = Sgd.of(List.of(p), Sgd.Config.defaults().withMomentum(0.9))) {
            Gradients.set(p, 1.0);
            sgd.step();
            assertEquals(List.of("0.momentum_buffer"), List.copyOf(sgd.stateDict().tensors().keySet()));
        }
    }

    @Test
    void aResumedRunMatchesAnUnbrokenOne() {
        Adam.Config c = AdamW.defaults().withLr(0.05);
        Map<String, Variable> unbroken = model();
        try (AdamW opt = new AdamW(List.of(ParamGroup.named(unbroken)), c)) {
            train(opt, unbroken, 0, 5);
        }

        Map<String, Variable> first = model();
        OptimizerState checkpoint;
        try (AdamW opt = new AdamW(List.of(ParamGroup.named(first)), c)) {
            train(opt, first, 0, 3);
            checkpoint = saved(opt.stateDict());
        }
        Map<String, Variable> resumed = new LinkedHashMap<>();
        first.forEach((k, v) -> resumed.put(k, Variable.parameter(v.value().to(DType.F64))));
        try (AdamW opt = new AdamW(List.of(ParamGroup.named(resumed)), c)) {
            opt.loadStateDict(checkpoint);
            train(opt, resumed, 3, 5);
        }
        for (String k : unbroken.keySet()) {
            assertArrayEquals(Gradients.values(unbroken.get(k)), Gradients.values(resumed.get(k)), 0, k);
        }
    }

    @Test
    void loadingItsOwnLiveStateKeepsIt() {
        Map<String, Variable> named = model();
        try (Adam opt = new Adam(List.of(ParamGroup.named(named)), Adam.Config.defaults())) {
            train(opt, named, 0, 2);
            double[] before = opt.stateDict().tensors().get("w.exp_avg").toDoubleArray();
            opt.loadStateDict(opt.stateDict());
            assertArrayEquals(before, opt.stateDict().tensors().get("w.exp_avg").toDoubleArray());
        }
    }

    @Test
    void aBadStateIsRefusedAndChangesNothing() {
        Map<String, Variable> named = model();
        try (Adam opt = new Adam(List.of(ParamGroup.named(named)), Adam.Config.defaults())) {
            train(opt, named, 0, 1);
            OptimizerState good = saved(opt.stateDict());

            Map<String, Tensor> wrongShape = new HashMap<>(good.tensors());
            wrongShape.put("w.exp_avg", Tensor.zeros(DType.F64, 3));
            var e = assertThrows(IllegalArgumentException.class,
                    () -> opt.loadStateDict(new OptimizerState(wrongShape, good.steps())));
            assertTrue(e.getMessage().contains("w.exp_avg") && e.getMessage().contains("[3]"), e.getMessage());

            Map<String, Long> unknown = new HashMap<>(good.steps());
            unknown.put("decoder.w", 1L);
            e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(new OptimizerState(good.tensors(), unknown)));
            assertTrue(e.getMessage().contains("decoder.w"), e.getMessage());

            Map<String, Tensor> missing = new HashMap<>(good.tensors());
            missing.remove("b.exp_avg_sq");
            e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(new OptimizerState(missing, good.steps())));
            assertTrue(e.getMessage().contains("missing 'b.exp_avg_sq'"), e.getMessage());

            Map<String, Tensor> extra = new HashMap<>(good.tensors());
            extra.put("w.momentum_buffer", Tensor.zeros(DType.F64, 2));
            e = assertThrows(IllegalArgumentException.class, () -> opt.loadStateDict(new OptimizerState(extra, good.steps())));
            assertTrue(e.getMessage().contains("w.momentum_buffer"), e.getMessage());

            assertEquals(Map.of("w", 1L, "b", 1L), opt.stateDict().steps());
            assertArrayEquals(good.tensors().get("w.exp_avg").toDoubleArray(),
                    opt.stateDict().tensors().get("w.exp_avg").toDoubleArray());
        }
    }
}
