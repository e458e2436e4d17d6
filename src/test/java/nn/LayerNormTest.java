package nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.GradCheck;
import autograd.Variable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.ShapeException;

class LayerNormTest {
    @Test
    void stateDictMatchesPyTorch() {
        try (LayerNorm ln = new LayerNorm(new int[] {4, 6}, 1e-5, true); LayerNorm bare = new LayerNorm(new int[] {6}, 1e-5, false)) {
            assertEquals(Map.of("weight", List.of(4, 6), "bias", List.of(4, 6)), LayerTesting.stateShapes(ln));
            assertEquals(List.of("weight", "bias"), List.copyOf(ln.stateDict().keySet()));
            assertTrue(bare.stateDict().isEmpty());
        }
    }

    @Test
    void eachRowHasMeanZeroAndVarianceOneBeforeAffine() {
        try (LayerNorm ln = new LayerNorm(8)) {
            ln.to(tensor.DType.F64);
            Variable x = Variable.constant(LayerTesting.uniform(new Random(1), -3, 5, 5, 8));
            double[] y = ln.forward(x).value().toDoubleArray();
            for (int row = 0; row < 5; row++) {
                double mean = 0;
                double sq = 0;
                for (int j = 0; j < 8; j++) {
                    mean += y[row * 8 + j] / 8;
                    sq += y[row * 8 + j] * y[row * 8 + j] / 8;
                }
                assertEquals(0, mean, 1e-6, "row " + row);
                assertEquals(1, sq - mean * mean, 1e-3, "row " + row + " (variance is 1 − ε/(σ²+ε))");
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(2);
        GradCheck.verify(in -> LayerNorm.apply(in.get(0), new int[] {3, 4}, in.get(1), in.get(2), 1e-5),
                LayerTesting.normalish(r, 2, 3, 4), LayerTesting.normalish(r, 3, 4), LayerTesting.normalish(r, 3, 4));
        GradCheck.verify(in -> LayerNorm.apply(in.get(0), new int[] {5}, null, null, 1e-5), LayerTesting.normalish(r, 3, 5));
    }

    @Test
    void inputMustEndInTheNormalizedShape() {
        try (LayerNorm ln = new LayerNorm(8)) {
            ShapeException e = assertThrows(ShapeException.class,
                    () -> ln.forward(Variable.constant(tensor.Tensor.ones(2, 7))));
            assertTrue(e.getMessage().contains("[2, 7]") && e.getMessage().contains("[8]"), e.getMessage());
        }
    }

    @Test
    void openClMatchesCpu() throws Exception {
        LayerTesting.assertClParity(g -> new LayerNorm(32), LayerNorm::forward, LayerTesting.normalish(new Random(3), 4, 6, 32));
    }
}
