package train;

import autograd.Variable;
import java.util.Map;

/**
 * What a model reports for one batch: the loss to minimise (one element, recorded for backward)
 * and named numbers to log with it: the loss's terms ({@code reconstruction}, {@code commitment})
 * and anything else worth watching ({@code codebook_usage}). The loop averages each over the
 * micro-batches of a step.
 */
public record LossReport(Variable loss, Map<String, Double> metrics) {
    public LossReport {
        if (loss.value().numel() != 1) {
            throw new IllegalArgumentException("LossReport: the loss must have one element, got " + loss.shape());
        }
        metrics = Map.copyOf(metrics);
    }

    /** A loss with nothing else to report. */
    public static LossReport of(Variable loss) {
        return new LossReport(loss, Map.of());
    }
}
