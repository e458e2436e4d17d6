package autograd;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tensor.Tensor;

/** Anomaly mode names the op that first made a NaN or infinity, and the caller's line. */
class AnomalyTest {
    @Test
    void aNanInForwardNamesTheOpAndTheCallersLine() {
        Variable x = Variable.parameter(Tensor.of(new double[] {1, -1}, 2));
        Variable y = x.exp();
        try (var on = Anomaly.enable()) {
            Anomaly.Detected e = assertThrows(Anomaly.Detected.class, () -> y.sub(3).log());
            assertTrue(e.getMessage().contains("forward of 'log'"), e.getMessage());
            assertTrue(e.getMessage().contains("AnomalyTest.lambda$aNanInForwardNamesTheOpAndTheCallersLine"), e.getMessage());
            assertTrue(e.getMessage().contains("AnomalyTest.java:"), e.getMessage());
        }
    }

    @Test
    void anInfinityInBackwardNamesTheOpItCameFrom() {
        try (var on = Anomaly.enable()) {
            Variable x = Variable.parameter(Tensor.of(new double[] {0, 4}, 2));
            Variable loss = x.sqrt().sum();          // d√x/dx = ∞ at 0
            Anomaly.Detected e = assertThrows(Anomaly.Detected.class, loss::backward);
            assertTrue(e.getMessage().contains("backward of 'sqrt'"), e.getMessage());
            assertTrue(e.getMessage().contains("AnomalyTest.anInfinityInBackwardNamesTheOpItCameFrom(AnomalyTest.java:"),
                    e.getMessage());
        }
    }

    @Test
    void offByDefault() {
        Variable x = Variable.parameter(Tensor.of(new double[] {-1}, 1));
        Variable y = x.log();
        assertTrue(Double.isNaN(y.value().item()));
    }
}
