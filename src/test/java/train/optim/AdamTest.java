package train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import autograd.Variable;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Tensor;

/**
 * Adam and AdamW against PyTorch's formulas worked out in double over several steps, with weight
 * decay (L2 in the gradient for Adam, decoupled for AdamW) and bias correction.
 */
class AdamTest {
    private static final double[][] GRADS = {{0.5, -1.0, 2.0}, {0.25, 0.75, -1.5}, {-0.3, 0.1, 0.9},
            {1.1, -0.4, 0.2}, {0.0, 0.3, -0.7}};
    private static final double[] START = {1.0, -2.0, 0.5};

    /**
     * The reference, element by element, in the paper's notation: {@code m̂ = m/(1 − β₁ᵗ)},
     * {@code v̂ = v/(1 − β₂ᵗ)}, {@code p ← p − γ·m̂/(√v̂ + ε)} (PyTorch's {@code √v/√(1 − β₂ᵗ) + ε} is
     * the same denominator); {@code decoupled} selects AdamW.
     */
    private static double[] reference(Adam.Config c, boolean decoupled) {
        double[] p = START.clone();
        double[] m = new double[p.length];
        double[] v = new double[p.length];
        for (int t = 1; t <= GRADS.length; t++) {
            for (int i = 0; i < p.length; i++) {
                double g = GRADS[t - 1][i];
                if (decoupled) {
                    p[i] *= 1 - c.lr() * c.weightDecay();
                } else {
                    g += c.weightDecay() * p[i];
                }
                m[i] = c.beta1() * m[i] + (1 - c.beta1()) * g;
                v[i] = c.beta2() * v[i] + (1 - c.beta2()) * g * g;
                double mHat = m[i] / (1 - Math.pow(c.beta1(), t));
                double vHat = v[i] / (1 - Math.pow(c.beta2(), t));
                p[i] -= c.lr() * mHat / (Math.sqrt(vHat) + c.eps());
            }
        }
        return p;
    }

    private static double[] run(Adam adam, Variable p) {
        try (adam) {
            for (double[] g : GRADS) {
                Gradients.set(p, g);
                adam.step();
            }
        }
        return Gradients.values(p);
    }

    @Test
    void adamWithL2WeightDecay() {
        Adam.Config c = Adam.Config.defaults().withLr(0.1).withBetas(0.8, 0.95).withEps(1e-3).withWeightDecay(0.2);
        Variable p = Gradients.parameter(START.clone());
        assertArrayEquals(reference(c, false), run(Adam.of(List.of(p), c), p), 1e-13);
    }

    @Test
    void adamWWithDecoupledWeightDecay() {
        Adam.Config c = AdamW.defaults().withLr(0.1).withBetas(0.85, 0.99).withEps(1e-4).withWeightDecay(0.3);
        Variable p = Gradients.parameter(START.clone());
        assertArrayEquals(reference(c, true), run(AdamW.of(List.of(p), c), p), 1e-13);
    }

    @Test
    void firstAdamStepMovesEachCoordinateByTheLearningRate() {
        // t = 1: m̂ = g, v̂ = g², so the update is γ·g/(|g| + ε) ≈ γ·sign(g).
        Variable p = Gradients.parameter(0.0, 0.0);
        try (Adam adam = Adam.of(List.of(p), Adam.Config.defaults().withLr(0.01))) {
            Gradients.set(p, 3.0, -0.002);
            adam.step();
        }
        assertArrayEquals(new double[] {-0.01 * 3 / (3 + 1e-8), 0.01 * 0.002 / (0.002 + 1e-8)}, Gradients.values(p), 1e-15);
    }

    @Test
    void defaultsArePyTorchs() {
        assertEquals(new Adam.Config(1e-3, 0.9, 0.999, 1e-8, 0), Adam.Config.defaults());
        assertEquals(new Adam.Config(1e-3, 0.9, 0.999, 1e-8, 1e-2), AdamW.defaults());
    }

    @Test
    void f32ParametersFollowTheF64ResultAcrossBlocksAndThreads() {
        int n = 70_001; // several blocks and parallel ranges, with a ragged end
        Random random = new Random(5);
        double[] start = new double[n];
        double[][] grads = new double[3][n];
        for (int i = 0; i < n; i++) {
            start[i] = random.nextGaussian();
            for (double[] g : grads) {
                g[i] = random.nextGaussian();
            }
        }
        Adam.Config c = AdamW.defaults().withLr(0.01);
        double[] wide = adamWOver(start, grads, c, DType.F64);
        double[] narrow = adamWOver(start, grads, c, DType.F32);
        for (int i = 0; i < n; i++) {
            assertEquals(wide[i], narrow[i], 1e-6 * Math.max(1, Math.abs(wide[i])), "element " + i);
        }
    }

    private static double[] adamWOver(double[] start, double[][] grads, Adam.Config c, DType dtype) {
        Variable p = Variable.parameter(Tensor.of(start, start.length).to(dtype));
        try (AdamW opt = AdamW.of(List.of(p), c)) {
            for (double[] g : grads) {
                p.zeroGrad();
                try (Tensor gt = Tensor.of(g, g.length).to(dtype)) {
                    p.mul(Variable.constant(gt)).sum().backward();
                }
                opt.step();
            }
        }
        return p.value().to(DType.F64).toDoubleArray();
    }
}
