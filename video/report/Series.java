package video.report;

/** A named curve of {@code (step, value)} points, e.g. a training loss against the step. */
public record Series(String name, double[] steps, double[] values) {

    public Series {
        if (steps.length != values.length) {
            throw new IllegalArgumentException("Series " + name + ": " + steps.length + " steps but " + values.length
                    + " values");
        }
        steps = steps.clone();
        values = values.clone();
    }
}
