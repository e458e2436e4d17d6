package nn;

import static org.junit.jupiter.api.Assertions.assertEquals;

import autograd.GradCheck;
import autograd.Variable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.Tensor;

class RMSNormTest {
    @Test
    void stateDictMatchesPyTorch() {
        try (RMSNorm n = new RMSNorm(6)) {
            assertEquals(Map.of("weight", List.of(6)), LayerTesting.stateShapes(n));
        }
    }

    @Test
    void dividesByTheRootMeanSquareThenScales() {
        try (RMSNorm n = new RMSNorm(3)) {
            n.weight.set(Tensor.of(new float[] {1, 2, -1}, 3));
            n.to(tensor.DType.F64);
            double[] x = {1, -2, 2, 0.5, 0.5, 0.5};
            double[] y = n.forward(Variable.constant(Tensor.of(x, 2, 3))).value().toDoubleArray();
            double[] w = {1, 2, -1};
            for (int row = 0; row < 2; row++) {
                double ms = 0;
                for (int j = 0; j < 3; j++) {
                    ms += x[row * 3 + j] * x[row * 3 + j] / 3;
                }
                for (int j = 0; j < 3; j++) {
                    assertEquals(x[row * 3 + j] / Math.sqrt(ms + 1e-6) * w[j], y[row * 3 + j], 1e-12);
                }
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(4);
        GradCheck.verify(in -> RMSNorm.apply(in.get(0), in.get(1), 1e-6),
                LayerTesting.normalish(r, 2, 3, 5), LayerTesting.normalish(r, 5));
    }

    @Test
    void openClMatchesCpu() throws Exception {
        LayerTesting.assertClParity(g -> new RMSNorm(24), RMSNorm::forward, LayerTesting.normalish(new Random(5), 3, 7, 24));
    }
}
