package train.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Devices;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Shape;
import tensor.Tensor;

class HarnessTest {

    /** A workload that allocates a tensor per iteration (through the backend, no op needed) and counts its calls. */
    private static final class Allocating implements Workload {
        final AtomicInteger iterations = new AtomicInteger();
        final List<Tensor> made = new ArrayList<>();
        Tensor input;
        final boolean leak;

        Allocating(boolean leak) {
            this.leak = leak;
        }

        @Override
        public String name() {
            return leak ? "leaky" : "allocating";
        }

        @Override
        public Trial prepare(Generator gen) {
            input = Tensor.empty(Devices.current(), DType.F32, Shape.of(64, 64));
            return Trial.of(() -> {
                iterations.incrementAndGet();
                Tensor t = Tensor.empty(Devices.current(), DType.F32, Shape.of(32, 32));
                made.add(t);
                if (leak) {
                    MemoryScope.current().keep(t);
                }
            }, Work.flops(1e6));
        }
    }

    @Test
    void runsWarmupThenTimedIterationsAndReportsTheMedian() {
        Allocating workload = new Allocating(false);
        Measurement m = new Harness(2, 5).measure(workload);
        assertEquals(7, workload.iterations.get());
        assertEquals("allocating", m.workload());
        assertEquals(Devices.current().name(), m.device());
        assertTrue(m.ms() >= 0);
        assertEquals(1e6 / (m.ms() / 1000) / 1e9, m.rates().get("gflops"), 1e-6 * m.rates().get("gflops"));
    }

    @Test
    void freesWhatEachIterationMakesAndTheInputsAtTheEnd() {
        long before = Devices.current().liveBytes();
        Allocating workload = new Allocating(false);
        new Harness(1, 3).measure(workload);
        assertTrue(workload.made.stream().allMatch(Tensor::isClosed), "iteration tensors were not freed");
        assertTrue(workload.input.isClosed(), "inputs were not freed");
        assertEquals(before, Devices.current().liveBytes());
    }

    @Test
    void aLeakingWorkloadIsNamed() {
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> new Harness(0, 3).measure(new Allocating(true)));
        assertEquals("workload leaky kept 4096 bytes of device memory after iteration 1; an iteration must free what it makes",
                e.getMessage());
    }

    /** Like an optimizer: its first step creates state that lives on (outside every scope), later steps only update it. */
    private static final class LazilyStateful implements Workload {
        Tensor state;
        final AtomicInteger steps = new AtomicInteger();

        @Override
        public String name() {
            return "stateful";
        }

        @Override
        public Trial prepare(Generator gen) {
            return Trial.afterFirstStep(() -> {
                steps.incrementAndGet();
                if (state == null) {
                    state = MemoryScope.within(null, () -> Tensor.empty(Devices.current(), DType.F32, Shape.of(16, 16)));
                }
                Tensor.empty(Devices.current(), DType.F32, Shape.of(8, 8));
            });
        }
    }

    @Test
    void stateMadeByTheFirstStepIsNotALeakEvenWithoutWarmup() {
        LazilyStateful workload = new LazilyStateful();
        new Harness(0, 3).measure(workload);
        assertEquals(4, workload.steps.get(), "one untimed first step in prepare, then the three timed ones");
        workload.state.close();
    }

    @Test
    void iterationCountsAreChecked() {
        assertThrows(IllegalArgumentException.class, () -> new Harness(0, 0));
        assertThrows(IllegalArgumentException.class, () -> new Harness(-1, 1));
    }

    @Test
    void medianOfOddAndEvenCounts() {
        assertEquals(3.0, Harness.median(new double[] {5, 1, 3}));
        assertEquals(2.5, Harness.median(new double[] {4, 1, 2, 3}));
        assertEquals(7.0, Harness.median(new double[] {7}));
    }
}
