package train.cli;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tensor.Backend;
import tensor.Devices;
import tensor.cl.ClBackend;
import train.bench.Harness;
import train.bench.Workload;
import train.bench.Workloads;

/**
 * {@code zoetrope bench}: times workloads on one device and prints one JSON line per workload,
 * e.g. {@code {"workload":"matmul512","device":"cpu","ms":2.1,"gflops":127.8}}.
 */
@Command(name = "bench", description = "Time the benchmark workloads; one JSON line per workload.")
final class BenchCommand implements Callable<Integer> {

    /** Kernels listed one by one in a {@code --profile} table; the rest share a line. */
    private static final int PROFILE_ROWS = 25;

    private final List<Workload> registry;

    @Spec
    private CommandSpec spec;

    @Option(names = "--device", paramLabel = "cpu|cl|cl:N",
            description = "Device to run on (default: ZOETROPE_DEVICE, else the default device).")
    private String device;

    @Option(names = "--only", arity = "1..*", split = ",", paramLabel = "NAME",
            description = "Run only these workloads (default: all; an unknown name lists the valid ones).")
    private List<String> only = new ArrayList<>();

    @Option(names = "--iterations", defaultValue = "10", paramLabel = "N",
            description = "Timed iterations per workload; the median is reported (default: ${DEFAULT-VALUE}).")
    private int iterations;

    @Option(names = "--warmup", defaultValue = "3", paramLabel = "N",
            description = "Untimed iterations before timing (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Option(names = "--profile",
            description = "After timing each workload, run its iterations again with OpenCL profiling and print "
                    + "the device time per kernel (an iteration's share) to standard error. OpenCL devices only.")
    private boolean profile;

    BenchCommand(List<Workload> registry) {
        this.registry = registry;
    }

    @Override
    @SuppressWarnings("try") // Devices.use is held for its effect
    public Integer call() throws Exception {
        if (iterations < 1) {
            throw usage("--iterations must be at least 1, got " + iterations);
        }
        if (warmup < 0) {
            throw usage("--warmup must be at least 0, got " + warmup);
        }
        List<Workload> chosen;
        try {
            chosen = Workloads.select(registry, only);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        Backend backend = backend();
        if (profile && !(backend instanceof ClBackend)) {
            throw usage("--profile times OpenCL kernels; " + backend.name() + " is not an OpenCL device");
        }
        Harness harness = new Harness(warmup, iterations);
        PrintWriter out = spec.commandLine().getOut();
        try (Devices.Selection use = Devices.use(backend)) {
            for (Workload workload : chosen) {
                out.println(harness.measure(workload).toJson());
                out.flush();
                if (profile) {
                    PrintWriter err = spec.commandLine().getErr();
                    err.println("device time per iteration of " + workload.name() + " (" + iterations + " iterations profiled):");
                    err.print(harness.profile(workload, (ClBackend) backend).table(PROFILE_ROWS, iterations));
                    err.flush();
                }
            }
        }
        return 0;
    }

    /** The backend {@code --device} names, or the default one; an unknown device is a usage mistake. */
    private Backend backend() {
        try {
            return device == null ? Devices.current() : Devices.select(device);
        } catch (IllegalArgumentException e) {
            String source = device == null ? "ZOETROPE_DEVICE" : "--device";
            throw usage("bad " + source + ": " + e.getMessage());
        }
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
