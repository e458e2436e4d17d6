package tensor.testing;

import java.util.List;

/**
 * One test case of an op: its inputs and its non-tensor parameters {@code P} (axes, flags, a
 * convolution spec), written as a record so failures print readably.
 */
public record Sample<P>(P params, List<Input> inputs) {
    public Sample {
        inputs = List.copyOf(inputs);
    }

    public static <P> Sample<P> of(P params, Input... inputs) {
        return new Sample<>(params, List.of(inputs));
    }

    /** The same parameters over other inputs. */
    public Sample<P> withInputs(List<Input> newInputs) {
        return new Sample<>(params, newInputs);
    }

    /** Total elements over all inputs: the measure a shrinker minimises. */
    public int size() {
        return inputs.stream().mapToInt(i -> i.values().numel()).sum();
    }

    @Override
    public String toString() {
        StringBuilder s = new StringBuilder("params=").append(params);
        for (Input in : inputs) {
            s.append("\n      ").append(in);
        }
        return s.toString();
    }
}
