package autograd;

/**
 * Whether ops record a graph on this thread. Inside {@link #noGrad()} ops compute values only:
 * their results are constants (no node, no gradient), which is what inference, optimizer updates
 * and finite differences want.
 *
 * <pre>{@code
 * try (var off = Grad.noGrad()) {
 *     Variable y = model.forward(x);   // no graph is kept
 * }
 * }</pre>
 */
public final class Grad {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> true);

    private Grad() {}

    /** Restores the previous mode when closed. */
    public interface Mode extends AutoCloseable {
        @Override
        void close();
    }

    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Turns recording off until the returned handle is closed. */
    public static Mode noGrad() {
        return set(false);
    }

    /** Turns recording on until the returned handle is closed (inside a {@code noGrad} block, say). */
    public static Mode enableGrad() {
        return set(true);
    }

    private static Mode set(boolean enabled) {
        boolean previous = ENABLED.get();
        ENABLED.set(enabled);
        return () -> ENABLED.set(previous);
    }

    /** Whether an op on these inputs would be recorded: recording is on and some input needs a gradient. */
    public static boolean tracks(Variable... inputs) {
        if (!isEnabled()) {
            return false;
        }
        for (Variable v : inputs) {
            if (v.requiresGrad()) {
                return true;
            }
        }
        return false;
    }
}
