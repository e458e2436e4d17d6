package tensor.testing;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;

/**
 * Makes a failing sample smaller while it keeps failing. Dimensions are halved by regenerating
 * the case from its seed with half the size bound (so the sample stays valid for the op); then
 * values are simplified input by input: all of them, or one half of them, set to the input's
 * simplest value (0 for reals and indices, 1 for positive numbers). The smallest failing sample
 * found within a fixed budget of re-runs is returned. Every candidate first goes through
 * {@code prepare}, the check's own adjustment of generated samples (off kinks, for gradients).
 */
public final class Shrinker {
    private static final int BUDGET = 200;

    private Shrinker() {}

    public static <P> Sample<P> shrink(OpInfo<P> op, long caseSeed, int size, Sample<P> failing,
                                       UnaryOperator<Sample<P>> prepare, Predicate<Sample<P>> fails) {
        Sample<P> best = failing;
        int tries = 0;
        for (int s = size / 2; s >= 1 && tries < BUDGET; s /= 2) {
            Sample<P> smaller = prepare.apply(op.sample(new Cases(caseSeed, s)));
            tries++;
            if (smaller.size() <= best.size() && fails.test(smaller)) {
                best = smaller;
            }
        }
        boolean progress = true;
        while (progress && tries < BUDGET) {
            progress = false;
            for (Sample<P> simpler : simplifications(best)) {
                Sample<P> candidate = prepare.apply(simpler);
                if (sameValues(candidate, best)) {
                    continue;   // prepare undid the simplification
                }
                tries++;
                if (fails.test(candidate)) {
                    best = candidate;
                    progress = true;
                    break;
                }
                if (tries >= BUDGET) {
                    break;
                }
            }
        }
        return best;
    }

    private static boolean sameValues(Sample<?> a, Sample<?> b) {
        for (int k = 0; k < a.inputs().size(); k++) {
            if (!Arrays.equals(a.inputs().get(k).values().data(), b.inputs().get(k).values().data())) {
                return false;
            }
        }
        return true;
    }

    /** Samples with some values of one input replaced by its simplest value; only real changes. */
    private static <P> List<Sample<P>> simplifications(Sample<P> sample) {
        List<Sample<P>> out = new ArrayList<>();
        List<Input> inputs = sample.inputs();
        for (int k = 0; k < inputs.size(); k++) {
            Input in = inputs.get(k);
            int n = in.values().numel();
            int[][] ranges = {{0, n}, {0, n / 2}, {n / 2, n}};
            for (int[] r : ranges) {
                double[] v = in.values().data().clone();
                Arrays.fill(v, r[0], r[1], in.simplest());
                if (!Arrays.equals(v, in.values().data())) {
                    List<Input> changed = new ArrayList<>(inputs);
                    changed.set(k, in.withValues(new NdArray(in.values().shape(), v)));
                    out.add(sample.withInputs(changed));
                }
            }
        }
        return out;
    }
}
