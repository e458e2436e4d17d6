package train.bench;

import java.util.List;
import tensor.MemoryScope;

/**
 * A prepared workload: the step that is timed, and how much work one step does (for the rates
 * in the report). The tensors a step creates are freed after it by the harness, so a step need
 * not close anything.
 *
 * @param iteration one step of the workload
 * @param work      what one step does, one entry per rate to report (may be empty)
 */
public record Trial(Runnable iteration, List<Work> work) {

    public Trial {
        work = List.copyOf(work);
    }

    public static Trial of(Runnable iteration, Work... work) {
        return new Trial(iteration, List.of(work));
    }

    /**
     * A training step whose first run creates state that lives on (an optimizer's moments): that
     * first run happens here, untimed, in a scope of its own, so every timed iteration only updates
     * the state and frees what it makes, whatever the number of warm-up iterations.
     */
    @SuppressWarnings("try") // the scope frees the first step's activations; its body never names it
    public static Trial afterFirstStep(Runnable step, Work... work) {
        try (MemoryScope first = MemoryScope.open()) {
            step.run();
        }
        return of(step, work);
    }
}
