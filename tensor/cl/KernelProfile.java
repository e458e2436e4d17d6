package tensor.cl;

import java.util.List;
import java.util.Locale;

/**
 * Device time per kernel over a stretch of work, as measured by the OpenCL driver's profiling
 * events ({@code CL_PROFILING_COMMAND_START} to {@code CL_PROFILING_COMMAND_END} of each launch):
 * what {@link ClBackend#stopProfiling()} returns. Entries are ordered by total time, largest first.
 *
 * @param entries one per kernel ({@code file:kernel}), largest total first
 */
public record KernelProfile(List<Entry> entries) {
    /**
     * @param kernel   {@code file:kernel}
     * @param launches how many times it ran
     * @param totalMs  device milliseconds summed over its launches
     */
    public record Entry(String kernel, int launches, double totalMs) {}

    public KernelProfile {
        entries = List.copyOf(entries);
    }

    /** Device milliseconds over all kernels. */
    public double totalMs() {
        return entries.stream().mapToDouble(Entry::totalMs).sum();
    }

    /** Launches over all kernels. */
    public int launches() {
        return entries.stream().mapToInt(Entry::launches).sum();
    }

    /**
     * A table of the {@code top} largest entries (time, share of the total, launches, mean time a
     * launch), each time divided by {@code per} (e.g. the number of iterations profiled) so that
     * it reads per iteration; the rest is folded into one line.
     */
    public String table(int top, int per) {
        StringBuilder s = new StringBuilder(String.format(Locale.ROOT, "%10s %6s %9s %10s  %s%n",
                "ms", "share", "launches", "µs/launch", "kernel"));
        double total = totalMs();
        double restMs = 0;
        int restLaunches = 0;
        for (int i = 0; i < entries.size(); i++) {
            Entry e = entries.get(i);
            if (i < top) {
                s.append(line(e.totalMs(), e.launches(), total, per, e.kernel()));
            } else {
                restMs += e.totalMs();
                restLaunches += e.launches();
            }
        }
        if (entries.size() > top) {
            s.append(line(restMs, restLaunches, total, per, "the other " + (entries.size() - top) + " kernel(s)"));
        }
        s.append(line(total, launches(), total, per, "total"));
        return s.toString();
    }

    private static String line(double ms, int launches, double total, int per, String what) {
        return String.format(Locale.ROOT, "%10.3f %5.1f%% %9.1f %10.1f  %s%n", ms / per, total > 0 ? 100 * ms / total : 0,
                (double) launches / per, launches > 0 ? 1000 * ms / launches : 0, what);
    }
}
