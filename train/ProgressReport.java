package train;

import java.io.PrintWriter;
import java.util.Locale;

/**
 * The training progress line: step, loss, learning rate, steps per second and the time left.
 * On a terminal one line is redrawn in place with a bar; otherwise (a log file, a pipe) it prints a
 * plain line every {@code every} steps and at the last one, so logs stay readable.
 *
 * <pre>
 * [=========>          ]  48% step 48/100  loss 0.01234  lr 1.00e-03  5.1 steps/s  ETA 10s
 * </pre>
 */
public final class ProgressReport {
    private static final int BAR_WIDTH = 20;

    private final PrintWriter out;
    private final boolean terminal;
    private final int every;

    /**
     * @param terminal whether {@code out} is a terminal ({@code System.console() != null} for stdout)
     * @param every    plain mode: print every this many steps
     */
    public ProgressReport(PrintWriter out, boolean terminal, int every) {
        if (every < 1) {
            throw new IllegalArgumentException("ProgressReport: every must be at least 1, got " + every);
        }
        this.out = out;
        this.terminal = terminal;
        this.every = every;
    }

    /** Reports that {@code step} of {@code total} steps is done. */
    public void update(long step, long total, double loss, double learningRate, double stepsPerSecond) {
        boolean last = step >= total;
        String line = line(step, total, loss, learningRate, stepsPerSecond);
        if (terminal) {
            out.print("\r" + bar(step, total) + " " + line + "\u001b[K" + (last ? System.lineSeparator() : ""));
            out.flush();
        } else if (last || step % every == 0) {
            out.println(line);
            out.flush();
        }
    }

    /** A line of its own (an evaluation result, a checkpoint written), kept clear of the redrawn line. */
    public void message(String text) {
        out.print(terminal ? "\r" + text + "\u001b[K" + System.lineSeparator() : text + System.lineSeparator());
        out.flush();
    }

    static String line(long step, long total, double loss, double learningRate, double stepsPerSecond) {
        String eta = stepsPerSecond > 0 ? duration((total - step) / stepsPerSecond) : "?";
        return String.format(Locale.ROOT, "step %d/%d  loss %.5g  lr %.2e  %.2f steps/s  ETA %s",
                step, total, loss, learningRate, stepsPerSecond, eta);
    }

    private static String bar(long step, long total) {
        double fraction = total == 0 ? 1 : Math.min(1, (double) step / total);
        int filled = (int) Math.round(fraction * BAR_WIDTH);
        String body = "=".repeat(filled) + (filled < BAR_WIDTH ? ">" + " ".repeat(BAR_WIDTH - filled - 1) : "");
        return String.format(Locale.ROOT, "[%s] %3d%%", body, Math.round(fraction * 100));
    }

    /** {@code 42s}, {@code 3m07s}, {@code 2h05m}. */
    static String duration(double seconds) {
        long s = Math.round(seconds);
        if (s < 60) {
            return s + "s";
        }
        if (s < 3600) {
            return String.format(Locale.ROOT, "%dm%02ds", s / 60, s % 60);
        }
        return String.format(Locale.ROOT, "%dh%02dm", s / 3600, (s % 3600) / 60);
    }
}
