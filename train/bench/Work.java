package train.bench;

/**
 * An amount of work one iteration does, and the rate it turns into once timed:
 * {@code rate = perIteration / seconds per iteration / unit}, reported under {@code key}.
 *
 * @param key          the JSON field of the rate, e.g. {@code gflops}
 * @param perIteration how much one iteration does, in base units (operations, bytes, tokens)
 * @param unit         base units per reported unit, e.g. 1e9 for giga
 */
public record Work(String key, double perIteration, double unit) {

    /** Floating-point operations, reported as {@code gflops} (10⁹ per second). */
    public static Work flops(double perIteration) {
        return new Work("gflops", perIteration, 1e9);
    }

    /** Bytes moved to or from memory, reported as {@code gbps} (10⁹ bytes per second). */
    public static Work bytes(double perIteration) {
        return new Work("gbps", perIteration, 1e9);
    }

    /** Tokens processed, reported as {@code tokens_per_s}. */
    public static Work tokens(double perIteration) {
        return new Work("tokens_per_s", perIteration, 1);
    }

    /** The rate this work amounts to when one iteration takes {@code seconds}. */
    public double rate(double seconds) {
        return perIteration / seconds / unit;
    }
}
