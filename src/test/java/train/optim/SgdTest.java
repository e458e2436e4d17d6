package train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * SGD against PyTorch's formulas worked out in double, element by element, over several steps:
 * {@code g ← g + λp; b ← g (first step) or μb + (1 − τ)g; g ← g + μb (Nesterov) or b; p ← p − γg}.
 */
class SgdTest {
    private static final double[][] GRADS = {{0.5, -1.0, 2.0}, {0.25, 0.75, -1.5}, {-0.3, 0.1, 0.9}, {1.1, -0.4, 0.2}};
    private static final double[] START = {1.0, -2.0, 0.5};

    /** The reference: one parameter vector through {@code GRADS}, by the formulas above. */
    private static double[] reference(Sgd.Config c) {
        double[] p = START.clone();
        double[] b = new double[p.length];
        for (int t = 1; t <= GRADS.length; t++) {
            for (int i = 0; i < p.length; i++) {
                double g = GRADS[t - 1][i] + c.weightDecay() * p[i];
                if (c.momentum() != 0) {
                    b[i] = t == 1 ? g : c.momentum() * b[i] + (1 - c.dampening()) * g;
                    g = c.nesterov() ? g + c.momentum() * b[i] : b[i];
                }
                p[i] -= c.lr() * g;
            }
        }
        return p;
    }

    private static double[] run(Sgd.Config c) {
        Variable p = Gradients.parameter(START.clone());
        try (Sgd sgd = Sgd.of(List.of(p), c)) {
            for (double[] g : GRADS) {
                Gradients.set(p, g);
                sgd.step();
            }
        }
        return Gradients.values(p);
    }

    @Test
    void plainWithWeightDecay() {
        Sgd.Config c = Sgd.Config.defaults().withLr(0.1).withWeightDecay(0.05);
        assertArrayEquals(reference(c), run(c), 1e-14);
    }

    @Test
    void momentumWithDampeningStartsItsBufferAtTheFirstGradient() {
        Sgd.Config c = Sgd.Config.defaults().withLr(0.1).withMomentum(0.9).withDampening(0.3).withWeightDecay(0.01);
        assertArrayEquals(reference(c), run(c), 1e-14);
        // By hand, first step: b = g, p = p − γg (dampening does not touch the first step).
        Variable p = Gradients.parameter(1.0);
        try (Sgd sgd = Sgd.of(List.of(p), c.withWeightDecay(0))) {
            Gradients.set(p, 2.0);
            sgd.step();
            assertArrayEquals(new double[] {1.0 - 0.1 * 2.0}, Gradients.values(p), 1e-15);
            Gradients.set(p, 1.0);
            sgd.step(); // b = 0.9·2 + 0.7·1 = 2.5
            assertArrayEquals(new double[] {0.8 - 0.1 * 2.5}, Gradients.values(p), 1e-15);
        }
    }

    @Test
    void nesterov() {
        Sgd.Config c = Sgd.Config.defaults().withLr(0.05).withMomentum(0.8).withNesterov(true).withWeightDecay(0.1);
        assertArrayEquals(reference(c), run(c), 1e-14);
    }

    @Test
    void defaultsArePyTorchs() {
        assertTrue(Sgd.Config.defaults().equals(new Sgd.Config(1e-3, 0, 0, 0, false)));
    }

    @Test
    void nesterovNeedsMomentumAndNoDampening() {
        var e = assertThrows(IllegalArgumentException.class, () -> new Sgd.Config(0.1, 0, 0, 0, true));
        assertTrue(e.getMessage().contains("Nesterov"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> new Sgd.Config(0.1, 0.9, 0.1, 0, true));
    }

    @Test
    void parametersWithoutGradientsAreLeftAlone() {
        Variable a = Gradients.parameter(1.0, 2.0);
        Variable b = Gradients.parameter(3.0);
        try (Sgd sgd = Sgd.of(List.of(a, b), Sgd.Config.defaults().withLr(0.5).withMomentum(0.9))) {
            Gradients.set(a, 1.0, 1.0);
            sgd.step();
            assertArrayEquals(new double[] {0.5, 1.5}, Gradients.values(a), 1e-15);
            assertArrayEquals(new double[] {3.0}, Gradients.values(b));
            assertTrue(sgd.stateDict().steps().equals(java.util.Map.of("0", 1L)), sgd.stateDict().steps().toString());
        }
    }
}
