package train.bench;

import java.util.List;

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
}
