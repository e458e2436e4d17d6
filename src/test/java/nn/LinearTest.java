package nn;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.GradCheck;
import autograd.Variable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.Generator;
import tensor.ShapeException;
import tensor.Tensor;

class LinearTest {
    @Test
    void stateDictMatchesPyTorch() {
        try (Linear a = new Linear(5, 3, new Generator(1)); Linear b = new Linear(5, 3, false, new Generator(1))) {
            assertEquals(Map.of("weight", List.of(3, 5), "bias", List.of(3)), LayerTesting.stateShapes(a));
            assertEquals(List.of("weight", "bias"), List.copyOf(a.stateDict().keySet()));
            assertEquals(Map.of("weight", List.of(3, 5)), LayerTesting.stateShapes(b));
        }
    }

    @Test
    void computesXWTransposedPlusBias() {
        try (Linear l = new Linear(2, 3, new Generator(1))) {
            l.weight.set(Tensor.of(new float[] {1, 2, 3, 4, 5, 6}, 3, 2));
            l.bias.set(Tensor.of(new float[] {10, 20, 30}, 3));
            Variable y = l.forward(Variable.constant(Tensor.of(new float[] {1, 1, 2, 0}, 2, 1, 2)));
            assertEquals(tensor.Shape.of(2, 1, 3), y.shape());
            assertArrayEquals(new float[] {13, 27, 41, 12, 26, 40}, y.value().toFloatArray());
        }
    }

    @Test
    void initialisationIsPyTorchsFanInUniform() {
        try (Linear l = new Linear(64, 256, new Generator(3))) {
            double bound = 1 / Math.sqrt(64);
            float[] w = l.weight.value().toFloatArray();
            double max = 0;
            double sumSquares = 0;
            for (float v : w) {
                max = Math.max(max, Math.abs(v));
                sumSquares += v * v;
            }
            assertTrue(max <= bound && max > 0.98 * bound, "max |w| = " + max);
            assertEquals(bound * bound / 3, sumSquares / w.length, 0.05 * bound * bound / 3, "variance of U(-b, b)");
            for (float v : l.bias.value().toFloatArray()) {
                assertTrue(Math.abs(v) <= bound);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(5);
        GradCheck.verify(in -> Linear.apply(in.get(0), in.get(1), in.get(2)),
                LayerTesting.normalish(r, 2, 3, 4), LayerTesting.normalish(r, 5, 4), LayerTesting.normalish(r, 5));
        GradCheck.verify(in -> Linear.apply(in.get(0), in.get(1), null),
                LayerTesting.normalish(r, 3, 4), LayerTesting.normalish(r, 2, 4));
    }

    @Test
    void moduleGradientsMatchFiniteDifferencesInF64() {
        try (Linear l = new Linear(3, 2, new Generator(4))) {
            l.to(tensor.DType.F64);
            Random r = new Random(6);
            GradCheck.verify(in -> Linear.apply(in.get(0), l.weight.variable(), l.bias.variable()),
                    LayerTesting.normalish(r, 4, 3));
        }
    }

    @Test
    void wrongInputSizeNamesBothShapes() {
        try (Linear l = new Linear(3, 2, new Generator(4))) {
            ShapeException e = assertThrows(ShapeException.class, () -> l.forward(Variable.constant(Tensor.ones(2, 4))));
            assertTrue(e.getMessage().contains("[2, 4]") && e.getMessage().contains("[2, 3]"), e.getMessage());
        }
    }

    @Test
    void openClMatchesCpu() throws Exception {
        LayerTesting.assertClParity(g -> new Linear(16, 8, g), Linear::forward, LayerTesting.normalish(new Random(7), 3, 5, 16));
    }
}
