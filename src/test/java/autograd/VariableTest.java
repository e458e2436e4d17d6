package autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Devices;
import tensor.MemoryScope;
import tensor.Tensor;

/** The engine: accumulation, zeroing, noGrad, detach, graph release, non-differentiable ops, memory. */
class VariableTest {
    private static Variable param(double... v) {
        return Variable.parameter(Tensor.of(v, v.length));
    }

    @Test
    void sharedSubexpressionsSumTheirGradients() {
        Variable x = param(1, 2, 3);
        x.mul(x).add(x).sum().backward();            // d/dx (x² + x) = 2x + 1
        assertArrayEquals(new double[] {3, 5, 7}, x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void gradientsAccumulateAcrossBackwardCallsUntilZeroed() {
        Variable x = param(1, 2);
        x.mul(3).sum().backward();
        x.mul(3).sum().backward();
        assertArrayEquals(new double[] {6, 6}, x.grad().toDoubleArray(), 1e-12);
        x.zeroGrad();
        assertNull(x.grad());
        x.square().sum().backward();
        assertArrayEquals(new double[] {2, 4}, x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void noGradRecordsNothingAndDetachStopsGradients() {
        Variable x = param(1, 2);
        try (Grad.Mode off = Grad.noGrad()) {
            Variable y = x.mul(2);
            assertFalse(y.requiresGrad());
            assertTrue(y.isLeaf());
        }
        assertTrue(x.mul(2).requiresGrad());
        // straight-through: y = x + detach(x² − x) has value x² and gradient 1
        Variable y = x.add(x.square().sub(x).detach());
        y.sum().backward();
        assertArrayEquals(new double[] {1, 4}, y.value().toDoubleArray(), 1e-12);
        assertArrayEquals(new double[] {1, 1}, x.grad().toDoubleArray(), 1e-12);
    }

    @Test
    void aSecondBackwardNeedsRetainGraph() {
        Variable x = param(1, 2);
        Variable y = x.exp().sum();
        y.backward(y.value().onesLike(), true);
        y.backward(y.value().onesLike(), false);
        assertArrayEquals(new double[] {2 * Math.exp(1), 2 * Math.exp(2)}, x.grad().toDoubleArray(), 1e-9);
        IllegalStateException e = assertThrows(IllegalStateException.class, y::backward);
        assertTrue(e.getMessage().contains("released"), e.getMessage());
    }

    @Test
    void nonDifferentiableOpsSaySoWhenAskedForAGradient() {
        Variable x = param(1, 3, 2);
        UnsupportedOperationException argmax = assertThrows(UnsupportedOperationException.class,
                () -> x.argmax(0).backward(Tensor.of(new int[] {0})));
        assertTrue(argmax.getMessage().startsWith("argmax is not differentiable"), argmax.getMessage());
        UnsupportedOperationException lt = assertThrows(UnsupportedOperationException.class,
                () -> x.lt(2).backward(Tensor.zeros(DType.I32, 3)));
        assertTrue(lt.getMessage().contains("comparison lt"), lt.getMessage());
        UnsupportedOperationException cast = assertThrows(UnsupportedOperationException.class,
                () -> x.to(DType.I32).backward(Tensor.zeros(DType.I32, 3)));
        assertTrue(cast.getMessage().contains("cast to I32"), cast.getMessage());
        UnsupportedOperationException seeded = assertThrows(UnsupportedOperationException.class,
                () -> x.to(DType.I32).backward(), "the op is named before the seed's shape is checked");
        assertTrue(seeded.getMessage().contains("cast to I32"), seeded.getMessage());
        assertThrows(IllegalStateException.class, () -> Variable.constant(Tensor.of(new double[] {1}, 1)).backward());
    }

    @Test
    void aNonScalarNeedsAnOutputGradientOfItsShape() {
        Variable x = param(1, 2);
        assertThrows(IllegalArgumentException.class, () -> x.mul(2).backward());
        assertThrows(IllegalArgumentException.class, () -> x.mul(2).backward(Tensor.ones(DType.F64, 3)));
    }

    @Test
    void parameterGradientsOutliveTheStepScopeAndTheSweepFreesItsTemporaries() {
        Variable w = Variable.parameter(Tensor.full(0.01, DType.F64, 64, 64));   // no scope: a parameter
        long before = Devices.cpu().liveBytes();
        for (int step = 0; step < 3; step++) {
            try (MemoryScope stepScope = MemoryScope.open()) {
                Variable x = Variable.constant(Tensor.full(0.5, DType.F64, 8, 64));
                x.matmul(w).tanh().square().mean().backward();
            }
        }
        long gradBytes = 64L * 64 * Double.BYTES;
        assertEquals(before + gradBytes, Devices.cpu().liveBytes(), "only the parameter's gradient should remain");
        assertFalse(w.grad().isClosed());
        // d/dw mean(tanh(xw)²) with x = ½, xw = 0.32: every entry is ½·2·tanh·(1 − tanh²)/64, three steps of it
        double t = Math.tanh(0.32);
        double expected = 3 * 0.5 * 2 * t * (1 - t * t) / 64;
        assertEquals(expected, w.grad().toDoubleArray()[0], 1e-12);
        w.zeroGrad();
        assertEquals(before, Devices.cpu().liveBytes());
    }

    @Test
    void releasingTheGraphClosesWhatItMadeForBackward() {
        Variable x = param(3, 1, 2);
        try (MemoryScope scope = MemoryScope.open()) {
            Variable m = x.max();
            long held = Devices.cpu().liveBytes();
            m.backward();
            assertTrue(Devices.cpu().liveBytes() < held + 3 * Double.BYTES,
                    "the argmax index kept for backward should be closed after backward");
            assertArrayEquals(new double[] {1, 0, 0}, x.grad().toDoubleArray());
        }
    }
}
