package nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.GradCheck;
import autograd.Variable;
import java.util.Random;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import tensor.Generator;
import tensor.Tensor;

class DropoutTest {
    @Test
    void hasNoState() {
        try (Dropout d = new Dropout(0.5, new Generator(1))) {
            assertTrue(d.stateDict().isEmpty());
        }
    }

    @Test
    void keepsWithProbabilityOneMinusPAndScalesToKeepTheExpectation() {
        double p = 0.3;
        int n = 20_000;
        try (Dropout d = new Dropout(p, new Generator(2))) {
            float[] y = d.forward(Variable.constant(Tensor.full(2, tensor.DType.F32, n))).value().toFloatArray();
            long kept = 0;
            double sum = 0;
            for (float v : y) {
                assertTrue(v == 0 || Math.abs(v - 2 / (1 - p)) < 1e-5, "value " + v);
                kept += v != 0 ? 1 : 0;
                sum += v;
            }
            double pValue = new ChiSquareTest().chiSquareTest(new double[] {n * (1 - p), n * p}, new long[] {kept, n - kept});
            assertTrue(pValue > 0.001, "kept " + kept + " of " + n + ", chi-square p " + pValue);
            assertEquals(2, sum / n, 0.05, "expectation is kept");
        }
    }

    @Test
    void identityInEvaluationAndAtPZero() {
        Variable x = Variable.constant(Tensor.ones(5));
        try (Dropout d = new Dropout(0.5, new Generator(3)); Dropout none = new Dropout(0, new Generator(3))) {
            d.eval();
            assertSame(x, d.forward(x));
            assertSame(x, none.forward(x));
        }
    }

    @Test
    void sameGeneratorPositionSameMask() {
        try (Dropout a = new Dropout(0.5, new Generator(4)); Dropout b = new Dropout(0.5, new Generator(4))) {
            Variable x = Variable.constant(Tensor.ones(64));
            assertArrayEquals(a.forward(x).value().toFloatArray(), b.forward(x).value().toFloatArray());
            assertArrayEquals(a.forward(x).value().toFloatArray(), b.forward(x).value().toFloatArray());
        }
    }

    @Test
    void gradientIsTheScaledMask() {
        Random r = new Random(5);
        GradCheck.verify(in -> new Dropout(0.4, new Generator(6)).forward(in.get(0)), LayerTesting.normalish(r, 3, 7));
    }

    @Test
    void openClMatchesCpu() throws Exception {
        LayerTesting.assertClParity(g -> new Dropout(0.25, g), Dropout::forward, LayerTesting.normalish(new Random(7), 4, 33));
    }
}
