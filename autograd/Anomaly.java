package autograd;

import java.security.CodeSource;
import java.util.Optional;
import tensor.Tensor;

/**
 * Anomaly mode: while on, every op's output (in forward) and every gradient (in backward) is read
 * back and checked, and the first NaN or infinity raises {@link Detected}, naming the op and the
 * line of the caller's code that called it: the first stack frame outside the framework's own
 * {@code autograd} and {@code tensor} classes and outside the JDK. It costs a device-to-host copy
 * per op, so it is for debugging, not training.
 *
 * <pre>{@code
 * try (var on = Anomaly.enable()) {
 *     loss.backward();
 * }
 * }</pre>
 */
public final class Anomaly {
    private static final ThreadLocal<Boolean> ENABLED = ThreadLocal.withInitial(() -> false);
    private static final StackWalker WALKER = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);
    private static final CodeSource FRAMEWORK = Variable.class.getProtectionDomain().getCodeSource();

    private Anomaly() {}

    /** The error anomaly mode raises. */
    public static final class Detected extends ArithmeticException {
        Detected(String message) {
            super(message);
        }
    }

    public static boolean isEnabled() {
        return ENABLED.get();
    }

    /** Turns anomaly mode on for this thread until the returned handle is closed. */
    public static Grad.Mode enable() {
        boolean previous = ENABLED.get();
        ENABLED.set(true);
        return () -> ENABLED.set(previous);
    }

    /** Where the user's code called the op being recorded, when anomaly mode is on; else null. */
    static String callSite() {
        if (!isEnabled()) {
            return null;
        }
        Optional<StackWalker.StackFrame> frame = WALKER.walk(frames -> frames
                .filter(f -> !isFrameworkOrJdk(f.getDeclaringClass())).findFirst());
        return frame.map(f -> f.getClassName() + "." + f.getMethodName() + "(" + f.getFileName() + ":"
                + f.getLineNumber() + ")").orElse("unknown");
    }

    private static boolean isFrameworkOrJdk(Class<?> c) {
        String pkg = c.getPackageName();
        boolean ours = (pkg.equals("autograd") || pkg.startsWith("autograd.") || pkg.equals("tensor")
                || pkg.startsWith("tensor.")) && sameOrigin(c.getProtectionDomain().getCodeSource());
        boolean jdk = c.getModule().isNamed() && (pkg.startsWith("java.") || pkg.startsWith("jdk.")
                || pkg.startsWith("sun."));
        return ours || jdk;
    }

    /** Framework classes come from where {@link Variable} came from (a test in package autograd does not). */
    private static boolean sameOrigin(CodeSource source) {
        return FRAMEWORK == null || source == null || FRAMEWORK.getLocation().equals(source.getLocation());
    }

    static void checkForward(String op, Tensor value, String callSite) {
        if (isEnabled() && value.dtype().isFloating()) {
            String bad = firstNonFinite(value);
            if (bad != null) {
                throw new Detected("anomaly: forward of '" + op + "' (called at " + callSite + ") produced " + bad);
            }
        }
    }

    static void checkBackward(Node node, int input, Tensor grad) {
        if (isEnabled()) {
            String bad = firstNonFinite(grad);
            if (bad != null) {
                throw new Detected("anomaly: backward of " + node.describe() + " produced " + bad
                        + " in the gradient of input " + input);
            }
        }
    }

    private static String firstNonFinite(Tensor t) {
        double[] values = t.toDoubleArray();
        for (int i = 0; i < values.length; i++) {
            if (!Double.isFinite(values[i])) {
                return values[i] + " at flat index " + i + " of a " + t.shape() + " tensor";
            }
        }
        return null;
    }
}
