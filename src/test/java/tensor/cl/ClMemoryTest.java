package tensor.cl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import tensor.BinaryOp;
import tensor.DType;
import tensor.MemoryScope;
import tensor.ReduceOp;
import tensor.Shape;
import tensor.Tensor;
import tensor.UnaryOp;

/** The caching allocator: memory held is flat over a long loop of scoped ops, and errors say what was asked. */
class ClMemoryTest {
    private final ClBackend cl = OpenCl.backend();

    @Test
    void tenThousandScopedStepsKeepDeviceMemoryFlat() {
        Tensor weights = HostData.upload(cl, new float[4096], 64, 64);
        long liveBefore = cl.liveBytes();
        long cachedAfterWarmUp = 0;
        for (int step = 0; step < 10_000; step++) {
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor h = Tensor.empty(cl, DType.F32, weights.shape());
                cl.unary(UnaryOp.TANH, weights, h, 0, 0);
                Tensor g = Tensor.empty(cl, DType.F32, weights.shape());
                cl.binary(BinaryOp.MUL, h, weights, g);
                Tensor s = Tensor.empty(cl, DType.F32, Shape.of(64, 1));
                cl.reduce(ReduceOp.SUM, g, new int[] {1}, s);
                Tensor odd = Tensor.empty(cl, DType.F32, Shape.of(1 + step % 97)); // many size classes
                cl.fill(odd, step);
                assertEquals(2 * 4096 * 4 + 64 * 4 + (1 + step % 97) * 4, cl.liveBytes() - liveBefore);
            }
            assertEquals(liveBefore, cl.liveBytes());
            if (step == 100) {
                cachedAfterWarmUp = cl.cachedBytes();
            }
        }
        cl.synchronize();
        assertEquals(liveBefore, cl.liveBytes());
        assertEquals(cachedAfterWarmUp, cl.cachedBytes(), "the cache stopped growing after warm-up");
    }

    @Test
    void aStorageLeftToTheGarbageCollectorIsReclaimedByTheCleaner() throws InterruptedException {
        long before = cl.liveBytes();
        Tensor.empty(cl, DType.F32, Shape.of(1000)); // dropped without close
        for (int i = 0; i < 50 && cl.liveBytes() != before; i++) {
            System.gc();
            Thread.sleep(20);
        }
        assertEquals(before, cl.liveBytes());
    }

    @Test
    void sizeClassesWasteAtMostAQuarter() {
        for (long bytes = 1; bytes < 10_000_000; bytes = bytes * 3 / 2 + 1) {
            long c = ClAllocator.sizeClass(bytes);
            assertTrue(c >= bytes && (c <= 256 || c <= bytes * 1.25 + 1), bytes + " -> " + c);
        }
    }

    @Test
    void anImpossibleAllocationSaysWhatWasAskedAndWhatTheDeviceHas() {
        long tooMuch = cl.info().maxAllocationBytes() + 1;
        ClException e = assertThrows(ClException.class, () -> cl.allocate(DType.F64, (int) Math.min(Integer.MAX_VALUE, tooMuch / 8 + 1)));
        assertTrue(e.getMessage().contains("allocating a buffer of"), e.getMessage());
        assertTrue(e.getMessage().contains("bytes per buffer"), e.getMessage());
    }
}
