package tensor.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicContainer;
import org.junit.jupiter.api.DynamicNode;
import org.junit.jupiter.api.DynamicTest;

/**
 * The property runner: for every op of a catalogue and every check, one dynamic test that runs
 * the check's number of seeded samples ({@link #CASES} unless it says otherwise) of growing size,
 * each first {@linkplain OpCheck#prepare prepared} by the check. A failing sample is shrunk
 * ({@link Shrinker}) and reported with the seed and the system properties that replay it.
 *
 * <p>System properties: {@code zoetrope.seed} (base seed), {@code zoetrope.cases} (samples per op
 * and check), {@code zoetrope.gradcases} (samples per op for the finite-difference gradient
 * check, whose samples are smaller), {@code zoetrope.op} (run only the op of that name),
 * {@code zoetrope.replay} ({@code caseSeed:size}, run exactly one sample).
 *
 * <p>Every exception is a failure, {@code UnsupportedOperationException} included: every op of
 * the catalogue exists, so "not implemented" is a bug. Only a check that lacks its device skips.
 */
public final class OpMatrix {
    public static final long SEED = Long.getLong("zoetrope.seed", 20240611L);
    public static final int CASES = Integer.getInteger("zoetrope.cases", 30);
    /** The default largest size bound; cases cycle through 1..MAX_SIZE so small cases come first. */
    public static final int MAX_SIZE = 5;
    private static final String ONLY_OP = System.getProperty("zoetrope.op");
    private static final String REPLAY = System.getProperty("zoetrope.replay");

    private OpMatrix() {}

    /** One container per op, holding one test per applicable check. */
    public static Stream<DynamicNode> tests(List<OpInfo<?>> catalogue, OpCheck... checks) {
        List<DynamicNode> nodes = new ArrayList<>();
        for (OpInfo<?> op : catalogue) {
            if (ONLY_OP != null && !ONLY_OP.equals(op.name())) {
                continue;
            }
            List<DynamicTest> perCheck = new ArrayList<>();
            for (OpCheck check : checks) {
                if (check.appliesTo(op)) {
                    perCheck.add(DynamicTest.dynamicTest(check.name(), () -> runCases(op, check)));
                }
            }
            nodes.add(DynamicContainer.dynamicContainer(op.name(), perCheck));
        }
        return nodes.stream();
    }

    /** The seed of case {@code index} of an op: a mix of the base seed, the op's name and the index. */
    public static long caseSeed(String opName, int index) {
        return mix(mix(SEED ^ opName.hashCode()) + index);
    }

    private static <P> void runCases(OpInfo<P> op, OpCheck check) {
        check.assumeReady();
        if (REPLAY != null) {
            String[] parts = REPLAY.split(":");
            runCase(op, check, Long.parseLong(parts[0]), Integer.parseInt(parts[1]), -1);
            return;
        }
        for (int i = 0; i < check.cases(); i++) {
            runCase(op, check, caseSeed(op.name(), i), 1 + i % check.maxSize(), i);
        }
    }

    private static <P> void runCase(OpInfo<P> op, OpCheck check, long seed, int size, int index) {
        Sample<P> sample = check.prepare(op, op.sample(new Cases(seed, size)));
        Throwable failure = failure(check, op, sample);
        if (failure == null) {
            return;
        }
        Sample<P> shrunk = Shrinker.shrink(op, seed, size, sample, s -> check.prepare(op, s),
                s -> failure(check, op, s) != null);
        Throwable shrunkFailure = failure(check, op, shrunk);
        AssertionError report = new AssertionError(op.name() + " [" + check.name() + "] failed on case " + index
                + " (case seed " + seed + ", size " + size + ")\n"
                + "  shrunk sample: " + shrunk + "\n"
                + "  error: " + describe(shrunkFailure) + "\n"
                + "  original sample: " + sample + "\n"
                + "  original error: " + describe(failure) + "\n"
                + "  replay: -Dzoetrope.seed=" + SEED + " -Dzoetrope.op=" + op.name()
                + "   or just this case: -Dzoetrope.op=" + op.name() + " -Dzoetrope.replay=" + seed + ":" + size,
                shrunkFailure);
        throw report;
    }

    /** What went wrong running one sample, or null. */
    private static <P> Throwable failure(OpCheck check, OpInfo<P> op, Sample<P> sample) {
        try {
            check.check(op, sample);
            return null;
        } catch (Throwable e) {
            return e;
        }
    }

    private static String describe(Throwable t) {
        if (t == null) {
            return "(the shrunk sample passed on re-run: flaky)";
        }
        StackTraceElement[] st = t.getStackTrace();
        String where = st.length > 0 && !(t instanceof AssertionError) ? " at " + st[0] : "";
        return t.getClass().getSimpleName() + ": " + t.getMessage() + where;
    }

    /** SplitMix64's finaliser: a cheap bijective hash of 64 bits. */
    private static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
        z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
        return z ^ (z >>> 31);
    }
}
