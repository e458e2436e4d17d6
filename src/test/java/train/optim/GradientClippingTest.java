package train.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.Variable;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clipping by global norm: the norm over all gradients, the folded scale, and non-finite norms. */
class GradientClippingTest {

    @Test
    void theGlobalNormSpansEveryGradientAndSkipsParametersWithout() {
        Variable a = Gradients.parameter(0, 0);
        Variable b = Gradients.parameter(0);
        Variable none = Gradients.parameter(0);
        Gradients.set(a, 3, 4);
        Gradients.set(b, 12);
        assertEquals(13, GradientClipping.globalNorm(List.of(a, b, none)), 1e-12);
        assertEquals(0, GradientClipping.globalNorm(List.of(none)));
    }

    @Test
    void clippingScalesTheUpdateAndReturnsTheNormBeforeClipping() {
        Variable a = Gradients.parameter(1, 1);
        Variable b = Gradients.parameter(1);
        try (Sgd sgd = Sgd.of(List.of(a, b), Sgd.Config.defaults().withLr(1))) {
            Gradients.set(a, 3, 4);
            Gradients.set(b, 12);
            GradNorm norm = sgd.clipGradNormAndStep(1.0);
            assertEquals(13, norm.norm(), 1e-12);
            double scale = 1.0 / (13 + 1e-6);
            assertEquals(scale, norm.scale(), 1e-15);
            assertTrue(norm.clipped());
            assertArrayEquals(new double[] {1 - 3 * scale, 1 - 4 * scale}, Gradients.values(a), 1e-14);
            assertArrayEquals(new double[] {1 - 12 * scale}, Gradients.values(b), 1e-14);
        }
    }

    @Test
    void gradientsUnderTheLimitAreUntouched() {
        Variable a = Gradients.parameter(1, 1);
        try (Sgd sgd = Sgd.of(List.of(a), Sgd.Config.defaults().withLr(1))) {
            Gradients.set(a, 0.3, 0.4);
            GradNorm norm = sgd.clipGradNormAndStep(1.0);
            assertEquals(1, norm.scale());
            assertFalse(norm.clipped());
            assertArrayEquals(new double[] {0.7, 0.6}, Gradients.values(a), 1e-15);
        }
    }

    @Test
    void aNonFiniteNormChangesNothingAndSaysSo() {
        Variable a = Gradients.parameter(1, 2);
        try (Adam adam = Adam.of(List.of(a), Adam.Config.defaults())) {
            Gradients.set(a, Double.NaN, 1);
            GradNorm norm = adam.clipGradNormAndStep(1.0);
            assertFalse(norm.isFinite());
            assertTrue(Double.isNaN(norm.scale()));
            assertArrayEquals(new double[] {1, 2}, Gradients.values(a));
            assertTrue(adam.stateDict().steps().isEmpty(), "no step was counted");

            Gradients.set(a, Double.POSITIVE_INFINITY, 1);
            assertEquals(Double.POSITIVE_INFINITY, adam.clipGradNormAndStep(1.0).norm());
            assertArrayEquals(new double[] {1, 2}, Gradients.values(a));

            var e = assertThrows(IllegalArgumentException.class, () -> adam.step(norm.scale()));
            assertTrue(e.getMessage().contains("GradNorm.isFinite"), e.getMessage());
        }
    }

    @Test
    void maxNormMustBePositive() {
        assertThrows(IllegalArgumentException.class, () -> GradientClipping.byGlobalNorm(List.of(), 0));
    }
}
