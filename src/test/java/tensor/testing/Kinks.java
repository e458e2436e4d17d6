package tensor.testing;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Moves sample values off the points where an op is not differentiable, so that central finite
 * differences ({@code ε ≈ 1e-6}) measure a derivative: a value within {@link #GAP} of a kink is
 * pushed to {@code GAP} from it, on its own side. Only value (float) inputs move; indices stay.
 */
public final class Kinks {
    /** How far from a kink every value ends up: far beyond the finite-difference step. */
    public static final double GAP = 1e-2;

    private Kinks() {}

    /** For a smooth op: the sample as it is. */
    public static <P> UnaryOperator<Sample<P>> none() {
        return s -> s;
    }

    /** A sample's values moved off fixed kinks: {@code at(0)} for relu, abs and sign. */
    public static <P> UnaryOperator<Sample<P>> at(double... points) {
        return s -> awayFrom(s, points);
    }

    /** Values at least {@link #GAP} from each of {@code points} (relu, abs and sign at 0, clamp at its bounds). */
    public static <P> Sample<P> awayFrom(Sample<P> sample, double... points) {
        return mapValues(sample, v -> {
            double[] out = v.clone();
            for (int i = 0; i < out.length; i++) {
                for (double p : points) {
                    if (Math.abs(out[i] - p) < GAP) {
                        out[i] = p + (out[i] >= p ? GAP : -GAP);
                    }
                }
            }
            return out;
        });
    }

    /**
     * All value inputs' values, pooled, at least {@link #GAP} apart, in their original order: no
     * ties for a maximum, a minimum or top-k to break ({@code maximum(a, b)} with {@code a = b}).
     * Each value moves up just enough to clear the one below it.
     */
    public static <P> Sample<P> distinct(Sample<P> sample) {
        List<double[]> pools = new ArrayList<>();
        for (Input in : sample.inputs()) {
            pools.add(in.kind() == Input.Kind.FLOAT ? in.values().data().clone() : null);
        }
        List<int[]> positions = new ArrayList<>();   // (input, element) pairs of every value
        for (int k = 0; k < pools.size(); k++) {
            for (int i = 0; pools.get(k) != null && i < pools.get(k).length; i++) {
                positions.add(new int[] {k, i});
            }
        }
        positions.sort(Comparator.comparingDouble(p -> pools.get(p[0])[p[1]]));
        for (int j = 1; j < positions.size(); j++) {
            int[] below = positions.get(j - 1), here = positions.get(j);
            double floor = pools.get(below[0])[below[1]] + GAP;
            if (pools.get(here[0])[here[1]] < floor) {
                pools.get(here[0])[here[1]] = floor;
            }
        }
        List<Input> moved = new ArrayList<>();
        for (int k = 0; k < pools.size(); k++) {
            Input in = sample.inputs().get(k);
            moved.add(pools.get(k) == null ? in : in.withValues(new NdArray(in.values().shape(), pools.get(k))));
        }
        return sample.withInputs(moved);
    }

    private static <P> Sample<P> mapValues(Sample<P> sample, UnaryOperator<double[]> f) {
        List<Input> moved = new ArrayList<>();
        for (Input in : sample.inputs()) {
            moved.add(in.kind() == Input.Kind.FLOAT
                    ? in.withValues(new NdArray(in.values().shape(), f.apply(in.values().data()))) : in);
        }
        return sample.withInputs(moved);
    }
}
