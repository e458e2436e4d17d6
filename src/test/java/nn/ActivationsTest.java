package nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.GradCheck;
import autograd.Variable;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.Tensor;

/** GELU (exact and tanh), SiLU and ReLU as modules. */
class ActivationsTest {
    @Test
    void computeTheirDefinitions() {
        double[] xs = {-2.5, -1, -0.1, 0.3, 1.7};
        Variable x = Variable.constant(Tensor.of(xs, xs.length));
        double[] gelu = new GELU().forward(x).value().toDoubleArray();
        double[] geluTanh = new GELU(true).forward(x).value().toDoubleArray();
        double[] silu = new SiLU().forward(x).value().toDoubleArray();
        double[] relu = new ReLU().forward(x).value().toDoubleArray();
        for (int i = 0; i < xs.length; i++) {
            double v = xs[i];
            assertEquals(v / 2 * (1 + org.apache.commons.math3.special.Erf.erf(v / Math.sqrt(2))), gelu[i], 1e-12);
            assertEquals(v / 2 * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (v + 0.044715 * v * v * v))), geluTanh[i], 1e-12);
            assertEquals(v / (1 + Math.exp(-v)), silu[i], 1e-12);
            assertEquals(Math.max(v, 0), relu[i], 0);
        }
        assertTrue(new GELU().stateDict().isEmpty() && new SiLU().stateDict().isEmpty() && new ReLU().stateDict().isEmpty());
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(1);
        Tensor x = LayerTesting.uniform(r, 0.2, 2, 3, 4).mul(Tensor.of(new double[] {1, -1, 1, -1}, 4));
        GradCheck.verify(in -> new GELU().forward(in.get(0)), x);
        GradCheck.verify(in -> new GELU(true).forward(in.get(0)), x);
        GradCheck.verify(in -> new SiLU().forward(in.get(0)), x);
        GradCheck.verify(in -> new ReLU().forward(in.get(0)), x);
    }

    @Test
    void openClMatchesCpu() throws Exception {
        Tensor x = LayerTesting.normalish(new Random(2), 5, 17);
        LayerTesting.assertClParity(g -> new GELU(), GELU::forward, x);
        LayerTesting.assertClParity(g -> new GELU(true), GELU::forward, x);
        LayerTesting.assertClParity(g -> new SiLU(), SiLU::forward, x);
        LayerTesting.assertClParity(g -> new ReLU(), ReLU::forward, x);
    }
}
