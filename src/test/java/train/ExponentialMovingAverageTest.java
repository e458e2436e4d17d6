package train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tensor.Tensor;

class ExponentialMovingAverageTest {

    private static Map<String, Tensor> weights(float a, float b) {
        Map<String, Tensor> w = new LinkedHashMap<>();
        w.put("linear.weight", Tensor.of(new float[] {a, b}, 1, 2));
        w.put("linear.bias", Tensor.of(new float[] {a + b}, 1));
        return w;
    }

    @Test
    void theDecayRampsUpToItsValue() {
        assertEquals(2.0 / 11.0, ExponentialMovingAverage.decayAt(0.999, 1), 1e-15);
        assertEquals(11.0 / 20.0, ExponentialMovingAverage.decayAt(0.999, 10), 1e-15);
        assertEquals(0.999, ExponentialMovingAverage.decayAt(0.999, 9_000), 1e-15);
        assertEquals(0.5, ExponentialMovingAverage.decayAt(0.5, 20), 1e-15);
    }

    @Test
    void eachUpdateMovesTheAverageTowardTheWeights() {
        try (ExponentialMovingAverage ema = ExponentialMovingAverage.startingAt(weights(0, 0), 0.9)) {
            ema.update(weights(11, 22));
            double beta = 2.0 / 11.0;
            assertArrayEquals(new float[] {(float) ((1 - beta) * 11), (float) ((1 - beta) * 22)},
                    ema.weights().get("linear.weight").toFloatArray(), 1e-6f);
            assertEquals(1, ema.updates());
            for (int i = 0; i < 200; i++) {
                ema.update(weights(11, 22));
            }
            assertArrayEquals(new float[] {11, 22}, ema.weights().get("linear.weight").toFloatArray(), 1e-4f);
            assertArrayEquals(new float[] {33}, ema.weights().get("linear.bias").toFloatArray(), 1e-4f);
        }
    }

    @Test
    void theAverageIsACopyNotTheWeightsThemselves() {
        Map<String, Tensor> start = weights(1, 2);
        try (ExponentialMovingAverage ema = ExponentialMovingAverage.startingAt(start, 0.9)) {
            ema.update(weights(5, 5));
            assertArrayEquals(new float[] {1, 2}, start.get("linear.weight").toFloatArray());
        }
    }

    @Test
    void entriesThatAreNotFloatingAreCopied() {
        Map<String, Tensor> start = new LinkedHashMap<>();
        start.put("count", Tensor.of(new int[] {0}, 1));
        Map<String, Tensor> later = new LinkedHashMap<>();
        later.put("count", Tensor.of(new int[] {7}, 1));
        try (ExponentialMovingAverage ema = ExponentialMovingAverage.startingAt(start, 0.9)) {
            ema.update(later);
            assertArrayEquals(new double[] {7}, ema.weights().get("count").toDoubleArray());
        }
    }

    @Test
    void weightsOfAnotherModelAreRefused() {
        try (ExponentialMovingAverage ema = ExponentialMovingAverage.startingAt(weights(1, 2), 0.9)) {
            Map<String, Tensor> renamed = new LinkedHashMap<>();
            renamed.put("linear.weight", Tensor.of(new float[] {1, 2}, 1, 2));
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ema.update(renamed));
            assertEquals("ema: the model's weights [linear.weight] are not the averaged ones [linear.weight, linear.bias]",
                    e.getMessage());
            Map<String, Tensor> reshaped = weights(1, 2);
            reshaped.put("linear.weight", Tensor.of(new float[] {1, 2}, 2, 1));
            e = assertThrows(IllegalArgumentException.class, () -> ema.update(reshaped));
            assertEquals("ema: 'linear.weight' is [2, 1] in the model but [1, 2] in the average", e.getMessage());
            assertEquals(0, ema.updates());
        }
    }

    @Test
    void aDecayOutsideTheOpenUnitIntervalIsRefused() {
        for (double decay : new double[] {0, 1, -0.5, Double.NaN}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> ExponentialMovingAverage.startingAt(weights(1, 2), decay));
            assertEquals("ema decay must lie in (0, 1), got " + decay, e.getMessage());
        }
    }
}
