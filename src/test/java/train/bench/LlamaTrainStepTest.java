package train.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import video.vidicl.VidIclTransformer;

class LlamaTrainStepTest {

    @Test
    void theIssuesWorkloadIsRegisteredUnderItsName() {
        LlamaTrainStep step = LlamaTrainStep.issueSize();
        assertEquals("llama_d256_L4_T256_B8_trainstep", step.name());
        assertEquals(VidIclTransformer.Config.of(1024, 256, 4, 4, 1024, 256), step.config());
        assertTrue(Workloads.ALL.contains(step));
    }

    @Test
    void aSmallStepRunsUnderTheHarnessWithoutKeepingMemory() {
        // the harness fails if an iteration leaves device memory behind
        Measurement m = new Harness(1, 2).measure(new LlamaTrainStep(VidIclTransformer.Config.of(32, 16, 2, 2, 32, 8), 2));
        assertEquals("llama_d16_L2_T8_B2_trainstep", m.workload());
        assertTrue(m.ms() > 0);
    }
}
