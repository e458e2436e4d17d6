package train.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
import org.junit.jupiter.api.Test;
import tensor.Generator;
import train.bench.Trial;
import train.bench.Workload;
import train.bench.Workloads;
import train.bench.Work;
import train.bench.Workload;

/** Runs the command line in-process and checks exit codes, output and the one-line errors. */
class ZoetropeTest {

    /** What one run printed and returned. */
    record Run(int code, String out, String err) {
        List<String> errLines() {
            return err.lines().toList();
        }
    }

    private static final Workload NOOP = new Workload() {
        @Override
        public String name() {
            return "noop";
        }

        @Override
        public Trial prepare(Generator gen) {
            return Trial.of(() -> {}, Work.flops(1000));
        }
    };

    private static final Workload FAILING = new Workload() {
        @Override
        public String name() {
            return "failing";
        }

        @Override
        public Trial prepare(Generator gen) {
            return Trial.of(() -> {
                throw new IllegalStateException("kernel exploded");
            });
        }
    };

    static Run run(List<Workload> workloads, String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = Zoetrope.execute(args, new PrintWriter(out), new PrintWriter(err), workloads);
        return new Run(code, out.toString(), err.toString());
    }

    static Run run(String... args) {
        return run(Workloads.ALL, args);
    }

    /** A usage mistake: exit 2, nothing on stdout, exactly one line on stderr, which is returned. */
    private static String usageError(Run r) {
        assertEquals(2, r.code(), r.err());
        assertEquals("", r.out());
        assertEquals(1, r.errLines().size(), r.err());
        return r.errLines().get(0);
    }

    @Test
    void versionComesFromTheFilteredProperties() {
        Run r = run("version");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().matches("zoetrope \\d+\\.\\d+\\.\\d+\\S* \\(Java .+\\)\\R"), r.out());
        assertEquals(r.out(), run("--version").out());
    }

    @Test
    void helpListsTheCommands() {
        Run r = run("--help");
        assertEquals(0, r.code());
        assertTrue(r.out().contains("version") && r.out().contains("devices") && r.out().contains("bench"), r.out());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : List.of("version", "devices", "bench")) {
            Run r = run(command, "--help");
            assertEquals(0, r.code(), r.err());
            assertTrue(r.out().startsWith("Usage: zoetrope " + command), r.out());
        }
        assertTrue(run("bench", "--help").out().contains("--iterations"));
    }

    @Test
    void noCommandIsAUsageError() {
        assertEquals("zoetrope: missing command: expected one of version, devices, bench, train, inspect, shell, eval, demo (see 'zoetrope --help')",
                usageError(run()));
    }

    @Test
    void unknownCommandListsTheValidOnesAndSuggests() {
        assertEquals("zoetrope: unknown command 'xyzzy': expected one of version, devices, bench, train, inspect, shell, eval, demo (see 'zoetrope --help')",
                usageError(run("xyzzy")));
        assertTrue(usageError(run("bnch")).contains("did you mean 'bench'?"));
    }

    @Test
    void unknownFlagNamesTheFlag() {
        assertEquals("zoetrope: unknown option: '--frob' (see 'zoetrope --help')", usageError(run("--frob")));
        assertEquals("zoetrope bench: unknown option: '--fast' (see 'zoetrope bench --help')", usageError(run("bench", "--fast")));
    }

    @Test
    void badFlagValuesAreUsageErrors() {
        assertEquals("zoetrope bench: invalid value for option '--iterations': 'many' is not an int (see 'zoetrope bench --help')",
                usageError(run("bench", "--iterations", "many")));
        assertEquals("zoetrope bench: --iterations must be at least 1, got 0 (see 'zoetrope bench --help')",
                usageError(run("bench", "--iterations", "0")));
        assertEquals("zoetrope bench: --warmup must be at least 0, got -1 (see 'zoetrope bench --help')",
                usageError(run("bench", "--warmup", "-1")));
    }

    @Test
    void unknownDeviceIsOneLine() {
        String line = usageError(run("bench", "--device", "tpu"));
        assertTrue(line.startsWith("zoetrope bench: bad --device: ") && line.contains("tpu"), line);
    }

    @Test
    void unknownWorkloadListsTheValidNames() {
        String valid = String.join(", ", Workloads.ALL.stream().map(Workload::name).toList());
        assertEquals("zoetrope bench: unknown workload matmul7: valid names are " + valid
                + " (see 'zoetrope bench --help')", usageError(run("bench", "--only", "matmul7")));
    }

    @Test
    void usageErrorsShowTheStackTraceUnderDebug() {
        Run r = run("--debug", "bench", "--only", "matmul7");
        assertEquals(2, r.code());
        assertTrue(r.errLines().size() > 2, r.err());
        assertTrue(r.errLines().get(1).contains("ParameterException"), r.err());
    }

    @Test
    void benchPrintsOneJsonLinePerWorkload() throws Exception {
        Run r = run(List.of(NOOP, FAILING), "bench", "--device", "cpu", "--only", "noop", "--iterations", "3", "--warmup", "1");
        assertEquals(0, r.code(), r.err());
        assertEquals("", r.err());
        List<String> lines = r.out().lines().toList();
        assertEquals(1, lines.size(), r.out());
        JsonNode json = new ObjectMapper().readTree(lines.get(0));
        assertEquals("noop", json.get("workload").asText());
        assertEquals("cpu", json.get("device").asText());
        assertTrue(json.get("ms").isNumber() && json.get("ms").asDouble() >= 0, lines.get(0));
        assertTrue(json.get("gflops").isNumber(), lines.get(0));
    }

    @Test
    void benchTimesARealMatmulOnTheCpu() throws Exception {
        Run r = run("bench", "--device", "cpu", "--only", "matmul256", "--iterations", "1", "--warmup", "0");
        assertEquals(0, r.code(), r.err());
        JsonNode json = new ObjectMapper().readTree(r.out());
        assertEquals("matmul256", json.get("workload").asText());
        double ms = json.get("ms").asDouble();
        assertTrue(ms > 0, r.out());
        assertEquals(2.0 * 256 * 256 * 256 / (ms / 1000) / 1e9, json.get("gflops").asDouble(), 0.01 * json.get("gflops").asDouble(), r.out());
    }

    @Test
    void profileNeedsAnOpenClDevice() {
        assertEquals("zoetrope bench: --profile times OpenCL kernels; cpu is not an OpenCL device (see 'zoetrope bench --help')",
                usageError(run("bench", "--device", "cpu", "--only", "matmul256", "--profile")));
    }

    @Test
    void profilePrintsTheKernelsOfAWorkloadToStandardError() throws Exception {
        tensor.cl.OpenCl.backend();
        Run r = run("bench", "--device", "cl", "--only", "matmul256", "--iterations", "2", "--warmup", "1", "--profile");
        assertEquals(0, r.code(), r.err());
        assertEquals("matmul256", new ObjectMapper().readTree(r.out()).get("workload").asText());
        assertTrue(r.err().contains("device time per iteration of matmul256 (2 iterations profiled)"), r.err());
        assertTrue(r.err().contains("matmul.cl:gemm_packed"), r.err());
        assertTrue(r.err().lines().anyMatch(l -> l.trim().endsWith("total")), r.err());
    }

    @Test
    void aFailingWorkloadIsOneLineAndExitCodeOne() {
        Run r = run(List.of(NOOP, FAILING), "bench", "--only", "failing");
        assertEquals(1, r.code());
        assertEquals(List.of("zoetrope bench: error: IllegalStateException: kernel exploded (run with --debug for the stack trace)"),
                r.errLines());
    }

    @Test
    void aFailingWorkloadShowsItsStackTraceUnderDebug() {
        Run r = run(List.of(NOOP, FAILING), "bench", "--only", "failing", "--debug");
        assertEquals(1, r.code());
        assertEquals("zoetrope bench: error: IllegalStateException: kernel exploded", r.errLines().get(0));
        assertTrue(r.err().contains("at train.cli.ZoetropeTest"), r.err());
    }

    @Test
    void devicesListsTheCpuBackendAndOpenClOrHowToGetIt() {
        Run r = run("devices");
        assertEquals(0, r.code(), r.err());
        List<String> lines = r.out().lines().toList();
        assertTrue(lines.get(0).startsWith("cpu: "), r.out());
        assertTrue(lines.get(1).startsWith("OpenCL: "), r.out());
        if (lines.get(1).startsWith("OpenCL: unavailable: ")) {
            assertTrue(r.out().contains("sudo apt-get install pocl-opencl-icd ocl-icd-opencl-dev"), r.out());
        } else {
            tensor.cl.ClDevices.list().devices().forEach(d ->
                    assertTrue(r.out().contains(d.spec() + "  " + d.type() + "  " + d.name()), r.out()));
        }
    }
}
