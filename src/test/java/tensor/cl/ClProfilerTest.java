package tensor.cl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import tensor.Tensor;

/** {@link ClBackend#startProfiling()} / {@link ClBackend#stopProfiling()}: every launch counted, under its kernel and operation. */
class ClProfilerTest {
    static ClBackend cl;

    @BeforeAll
    static void open() {
        cl = OpenCl.backend();
    }

    @Test
    void countsEveryLaunchUnderItsKernelAndOperation() {
        try (Tensor a = Tensor.ones(64, 64).to(cl); Tensor b = Tensor.ones(64, 64).to(cl)) {
            cl.synchronize();
            cl.startProfiling();
            for (int i = 0; i < 3; i++) {
                a.add(b).close();
            }
            a.exp().close();
            a.matmul(b).close();
            KernelProfile profile = cl.stopProfiling();
            Map<String, KernelProfile.Entry> byName = profile.entries().stream()
                    .collect(Collectors.toMap(KernelProfile.Entry::kernel, e -> e));
            assertEquals(3, byName.get("elementwise.cl:binary_contiguous [ADD]").launches(), profile.table(20, 1));
            assertEquals(1, byName.get("elementwise.cl:unary_contiguous [EXP]").launches(), profile.table(20, 1));
            assertTrue(byName.containsKey("matmul.cl:gemm_packed"), profile.table(20, 1));
            assertTrue(profile.entries().stream().allMatch(e -> e.totalMs() >= 0 && e.launches() > 0));
            List<Double> totals = profile.entries().stream().map(KernelProfile.Entry::totalMs).toList();
            for (int i = 1; i < totals.size(); i++) {
                assertTrue(totals.get(i - 1) >= totals.get(i), "largest first: " + totals);
            }
            assertTrue(profile.totalMs() > 0, profile.table(20, 1));
        }
    }

    @Test
    void launchesOutsideAProfileAreNotCounted() {
        try (Tensor a = Tensor.ones(8).to(cl)) {
            a.exp().close();
            cl.startProfiling();
            a.add(a).close();
            KernelProfile profile = cl.stopProfiling();
            assertEquals(1, profile.launches(), profile.table(20, 1));
        }
    }

    /** A launch the driver refuses leaves no half-made event behind: the profile still stops and counts the rest. */
    @Test
    void aFailedLaunchIsNotCounted() {
        ClKernel fill = cl.kernel("elementwise.cl", "fill", ClBackend.typeOptions(tensor.DType.F32) + " -DP=float");
        long tooBig = fill.maxGroupSize() * 2;
        try (Tensor out = Tensor.empty(cl, tensor.DType.F32, tensor.Shape.of(4))) {
            cl.startProfiling();
            assertThrows(ClException.class, () -> fill.launch(new long[] {tooBig}, new long[] {tooBig}, out, 4, 1f, 1));
            out.add(out).close();
            KernelProfile profile = cl.stopProfiling();
            assertEquals(1, profile.launches(), profile.table(20, 1));
        }
    }

    @Test
    void aProfileIsStartedOnceAndStoppedOnce() {
        cl.startProfiling();
        IllegalStateException twice = assertThrows(IllegalStateException.class, cl::startProfiling);
        assertTrue(twice.getMessage().contains("already on"), twice.getMessage());
        cl.stopProfiling();
        IllegalStateException notOn = assertThrows(IllegalStateException.class, cl::stopProfiling);
        assertTrue(notOn.getMessage().contains("not on"), notOn.getMessage());
    }

    @Test
    void theTableReadsPerIterationAndFoldsTheTail() {
        KernelProfile p = new KernelProfile(List.of(new KernelProfile.Entry("a.cl:big", 4, 80),
                new KernelProfile.Entry("a.cl:mid", 2, 16), new KernelProfile.Entry("b.cl:small", 2, 4)));
        List<String> lines = p.table(2, 2).lines().toList();
        assertEquals(5, lines.size(), String.join("\n", lines));
        assertTrue(lines.get(1).matches("\\s+40\\.000\\s+80\\.0%\\s+2\\.0\\s+20000\\.0\\s+a\\.cl:big"), lines.get(1));
        assertTrue(lines.get(3).matches("\\s+2\\.000\\s+4\\.0%\\s+1\\.0\\s+2000\\.0\\s+the other 1 kernel\\(s\\)"), lines.get(3));
        assertTrue(lines.get(4).matches("\\s+50\\.000\\s+100\\.0%\\s+4\\.0\\s+12500\\.0\\s+total"), lines.get(4));
    }
}
