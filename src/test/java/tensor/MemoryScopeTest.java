package tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;
import tensor.cpu.CpuBackend;

/** Ownership: what a scope owns, keep to the enclosing scope, close order and the rules of nesting. */
class MemoryScopeTest {
    private final Backend cpu = CpuBackend.instance();

    @Test
    void closingAScopeFreesWhatWasMadeInItAndKeepsWhatWasKept() {
        long before = cpu.liveBytes();
        Tensor kept;
        Tensor dropped;
        try (MemoryScope scope = MemoryScope.open()) {
            dropped = Tensor.ones(DType.F64, 4);
            kept = scope.keep(dropped.mul(2).sum());
            assertTrue(scope.owns(dropped));
            assertFalse(scope.owns(kept));
            assertSame(scope, MemoryScope.current());
        }
        assertNull(MemoryScope.current());
        assertTrue(dropped.isClosed());
        assertEquals(8.0, kept.item());
        assertEquals(before + Double.BYTES, cpu.liveBytes(), "only the kept F64 scalar remains");
        kept.close();
        assertEquals(before, cpu.liveBytes());
    }

    @Test
    void keepMovesATensorToTheEnclosingScope() {
        try (MemoryScope outer = MemoryScope.open()) {
            Tensor t;
            try (MemoryScope inner = MemoryScope.open()) {
                t = inner.keep(Tensor.zeros(3));
                assertTrue(outer.owns(t));
                assertEquals(0, inner.size());
            }
            assertFalse(t.isClosed());
            outer.close();
            assertTrue(t.isClosed());
        }
    }

    @Test
    void keepingATensorTheScopeDoesNotOwnIsAnError() {
        Tensor outside = Tensor.zeros(2);
        try (MemoryScope scope = MemoryScope.open()) {
            var e = assertThrows(IllegalArgumentException.class, () -> scope.keep(outside));
            assertTrue(e.getMessage().contains("not owned by this scope"), e.getMessage());
            Tensor mine = Tensor.zeros(1);
            scope.keep(mine);
            assertThrows(IllegalArgumentException.class, () -> scope.keep(mine), "a tensor is kept once");
            mine.close();
        }
        outside.close();
    }

    @Test
    void viewsShareStorageUntilTheLastOneCloses() {
        long before = cpu.liveBytes();
        Tensor base = Tensor.ones(2, 3);
        Tensor view;
        try (MemoryScope scope = MemoryScope.open()) {
            view = scope.keep(base.reshape(3, 2));
        }
        base.close();
        assertEquals(before + 6 * Float.BYTES, cpu.liveBytes(), "the kept view holds the storage");
        try (Tensor sum = view.sum()) {
            assertEquals(6.0, sum.item());
        }
        view.close();
        assertEquals(before, cpu.liveBytes());
    }

    @Test
    void scopesCloseInnermostFirstAndOnTheirOwnThread() {
        try (MemoryScope outer = MemoryScope.open()) {
            MemoryScope inner = MemoryScope.open();
            var e = assertThrows(IllegalStateException.class, outer::close);
            assertTrue(e.getMessage().contains("innermost first"), e.getMessage());
            var other = CompletableFuture.runAsync(inner::close);
            var crossThread = assertThrows(Exception.class, other::join);
            assertTrue(crossThread.getCause().getMessage().contains("thread"), crossThread.getCause().getMessage());
            inner.close();
            assertSame(outer, MemoryScope.current());
        }
    }

    @Test
    void withinMakesTensorsBelongToTheGivenScope() {
        try (MemoryScope outer = MemoryScope.open()) {
            Tensor t;
            try (MemoryScope inner = MemoryScope.open()) {
                t = MemoryScope.within(outer, () -> Tensor.zeros(2));
                assertFalse(inner.owns(t));
                assertSame(inner, MemoryScope.current());
            }
            assertTrue(outer.owns(t));
            assertFalse(t.isClosed());
        }
    }

    @Test
    void aLargeScopeKeepsAndClosesEveryTensor() {
        long before = cpu.liveBytes();
        int n = 50_000;
        List<Tensor> kept = new ArrayList<>();
        try (MemoryScope outer = MemoryScope.open()) {
            try (MemoryScope step = MemoryScope.open()) {
                for (int i = 0; i < n; i++) {
                    Tensor t = Tensor.zeros(1);
                    if (i % 2 == 0) {
                        kept.add(step.keep(t));
                    }
                }
                assertEquals(n / 2, step.size());
                for (Tensor t : kept) {
                    assertFalse(step.owns(t));
                    assertTrue(outer.owns(t));
                }
            }
            assertEquals(before + (long) n / 2 * Float.BYTES, cpu.liveBytes());
            assertEquals(n / 2, outer.size());
        }
        assertEquals(before, cpu.liveBytes());
        assertTrue(kept.stream().allMatch(Tensor::isClosed));
    }
}
