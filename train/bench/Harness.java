package train.bench;

import java.util.Arrays;
import java.util.function.BiFunction;
import tensor.Backend;
import tensor.Devices;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.cl.ClBackend;
import tensor.cl.KernelProfile;

/**
 * Times workloads on the current backend. Each workload's inputs are made once; then it runs
 * {@code warmup} untimed iterations and {@code iterations} timed ones, each inside its own
 * {@link MemoryScope} and followed by {@link Backend#synchronize()}, so that a timing covers the
 * queued device work and device memory stays flat. The reported time is the median.
 */
public final class Harness {
    /** Seed of the inputs, fixed so that every run times the same numbers. */
    static final long SEED = 20240601L;

    private final int warmup;
    private final int iterations;

    /**
     * @param warmup     untimed iterations first (≥ 0)
     * @param iterations timed iterations (≥ 1)
     */
    public Harness(int warmup, int iterations) {
        if (warmup < 0) {
            throw new IllegalArgumentException("warm-up iterations must be ≥ 0, got " + warmup);
        }
        if (iterations < 1) {
            throw new IllegalArgumentException("iterations must be ≥ 1, got " + iterations);
        }
        this.warmup = warmup;
        this.iterations = iterations;
    }

    /**
     * Times one workload on {@link Devices#current()}.
     *
     * @throws IllegalStateException if an iteration leaves device memory behind (a leak in the workload)
     */
    public Measurement measure(Workload workload) {
        return warmedUp(workload, (trial, backend) -> {
            long baseline = backend.liveBytes();
            double[] ms = new double[iterations];
            for (int i = 0; i < iterations; i++) {
                ms[i] = timeOnce(trial, backend);
                long grown = backend.liveBytes() - baseline;
                if (grown > 0) {
                    throw new IllegalStateException("workload " + workload.name() + " kept " + grown
                            + " bytes of device memory after iteration " + (i + 1) + "; an iteration must free what it makes");
                }
            }
            return Measurement.of(workload.name(), backend.name(), median(ms), trial.work());
        });
    }

    /**
     * Device time per kernel of one workload on {@code device} (which must be {@link Devices#current()}),
     * over {@code iterations} iterations after the warm-up; {@link KernelProfile#table} with
     * {@code per = iterations} reads it per iteration.
     */
    public KernelProfile profile(Workload workload, ClBackend device) {
        return warmedUp(workload, (trial, backend) -> {
            device.startProfiling();
            try {
                for (int i = 0; i < iterations; i++) {
                    timeOnce(trial, backend);
                }
            } catch (RuntimeException e) {
                device.stopProfiling(); // a failed workload leaves the device as it found it
                throw e;
            }
            return device.stopProfiling();
        });
    }

    /** Prepares the workload's inputs, runs the warm-up iterations, then {@code timed}; the inputs are freed after. */
    @SuppressWarnings("try") // the scope frees the inputs; its body never names it
    private <R> R warmedUp(Workload workload, BiFunction<Trial, Backend, R> timed) {
        Backend backend = Devices.current();
        try (MemoryScope inputs = MemoryScope.open()) {
            Trial trial = workload.prepare(new Generator(SEED));
            backend.synchronize();
            for (int i = 0; i < warmup; i++) {
                timeOnce(trial, backend);
            }
            return timed.apply(trial, backend);
        }
    }

    /** Milliseconds one iteration takes, including the device work it queued; what it made is freed after. */
    @SuppressWarnings("try")
    private static double timeOnce(Trial trial, Backend backend) {
        try (MemoryScope step = MemoryScope.open()) {
            long start = System.nanoTime();
            trial.iteration().run();
            backend.synchronize();
            return (System.nanoTime() - start) / 1e6;
        }
    }

    /** The middle value (the mean of the two middle values for an even count). */
    static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
