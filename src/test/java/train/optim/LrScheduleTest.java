package train.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

/** Schedules at their key steps: start, end of warm-up, middle of the decay, end, beyond. */
class LrScheduleTest {

    @Test
    void constant() {
        LrSchedule s = LrSchedule.constant(3e-4);
        assertEquals(3e-4, s.lr(0));
        assertEquals(3e-4, s.lr(1_000_000));
    }

    @Test
    void linearWarmupRampsOverWStepsToThePeak() {
        LrSchedule s = LrSchedule.linearWarmup(1.0, 4);
        assertEquals(0.25, s.lr(0));
        assertEquals(0.5, s.lr(1));
        assertEquals(1.0, s.lr(3));
        assertEquals(1.0, s.lr(100));
        assertEquals(2.0, LrSchedule.linearWarmup(2.0, 0).lr(0), "W = 0: no warm-up");
    }

    @Test
    void cosineDecaysFromPeakToFloor() {
        LrSchedule s = LrSchedule.cosine(1.0, 10, 110, 0.1);
        assertEquals(0.1, s.lr(0), 1e-15);
        assertEquals(1.0, s.lr(9), 1e-15);
        assertEquals(1.0, s.lr(10), 1e-15);
        assertEquals(0.55, s.lr(60), 1e-15); // halfway: floor + (peak − floor)/2
        assertEquals(0.1 + 0.9 * 0.5 * (1 + Math.cos(Math.PI / 4)), s.lr(35), 1e-15);
        assertEquals(0.1, s.lr(110), 1e-15);
        assertEquals(0.1, s.lr(5000), 1e-15);
    }

    @Test
    void cosineWithoutWarmupStartsAtThePeak() {
        LrSchedule s = LrSchedule.cosine(2.0, 0, 100, 0);
        assertEquals(2.0, s.lr(0), 1e-15);
        assertEquals(1.0, s.lr(50), 1e-15);
    }

    @Test
    void badArgumentsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.cosine(1, 10, 10, 0));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.cosine(1, 0, 10, 2));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.linearWarmup(1, -1));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.constant(1).lr(-1));
        assertThrows(IllegalArgumentException.class, () -> LrSchedule.cosine(1, 0, 10, 0).lr(-1));
    }
}
