package train.bench;

import tensor.Generator;

/**
 * One thing {@code zoetrope bench} times. A workload makes its inputs once, on the current
 * backend ({@link tensor.Devices#current()}), and hands back the {@link Trial} to repeat.
 *
 * <p>To add one: write a small class implementing this interface and add one line to
 * {@link Workloads#ALL}.
 */
public interface Workload {

    /** The name given to {@code zoetrope bench --only}: lower case, no spaces, e.g. {@code matmul512}. */
    String name();

    /**
     * Creates the inputs (from {@code gen}, so every run sees the same numbers) and returns what
     * one iteration does. The harness owns the inputs: it frees them after the last iteration.
     */
    Trial prepare(Generator gen);
}
