package train.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.HashSet;
import java.util.List;
import org.junit.jupiter.api.Test;

class WorkloadsTest {

    @Test
    void registryHasTheMatmulWorkloadsWithDistinctNames() {
        List<String> names = Workloads.ALL.stream().map(Workload::name).toList();
        assertEquals(names.size(), new HashSet<>(names).size(), "duplicate workload names: " + names);
        assertEquals(List.of("matmul256", "matmul512", "matmul1024"), names.subList(0, 3));
    }

    @Test
    void noNamesSelectsEverything() {
        assertEquals(Workloads.ALL, Workloads.select(Workloads.ALL, List.of()));
    }

    @Test
    void selectionFollowsTheOrderGivenAndDropsRepeats() {
        List<Workload> chosen = Workloads.select(Workloads.ALL, List.of("matmul1024", "matmul256", "matmul1024"));
        assertEquals(List.of("matmul1024", "matmul256"), chosen.stream().map(Workload::name).toList());
    }

    @Test
    void unknownNamesAreListedWithTheValidOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Workloads.select(Workloads.ALL, List.of("matmul256", "conv9", "softmax")));
        assertEquals("unknown workloads conv9, softmax: valid names are "
                + String.join(", ", Workloads.ALL.stream().map(Workload::name).toList()), e.getMessage());
    }

    @Test
    void matmulCountsTwoNCubedFlops() {
        Matmul m = new Matmul(512);
        assertEquals("matmul512", m.name());
        // 2·512³ flops in 10 ms is 26.8435456 GFLOP/s.
        Work work = Work.flops(2.0 * 512 * 512 * 512);
        assertEquals(26.8435456, work.rate(0.010), 1e-9);
    }
}
