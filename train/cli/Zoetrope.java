package train.cli;

import java.io.PrintWriter;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;
import train.bench.Workload;
import train.bench.Workloads;

/**
 * The {@code zoetrope} command: {@code version}, {@code devices}, {@code bench}, {@code train},
 * {@code inspect}, {@code shell}, {@code eval} and {@code demo}.
 *
 * <p>Exit codes: 0 on success, 2 for a usage mistake (unknown command or flag, bad value, unknown
 * device, workload or model, a bad config, an output folder that holds another run), 1 when the
 * work itself fails (a corrupt checkpoint, say). Every failure is one line on stderr;
 * {@code --debug} adds the stack trace.
 */
@Command(name = "zoetrope",
        mixinStandardHelpOptions = true,
        scope = ScopeType.INHERIT, // every subcommand gets --help, --version and --debug
        versionProvider = BuildInfo.class,
        description = "A deep-learning framework for video models in pure Java, on OpenCL or the CPU.")
public final class Zoetrope implements Runnable {

    @Spec
    private CommandSpec spec;

    @Option(names = "--debug", scope = ScopeType.INHERIT, description = "Show the stack trace of a failure.")
    private boolean debug;

    public static void main(String[] args) {
        PrintWriter out = new PrintWriter(System.out, true);
        PrintWriter err = new PrintWriter(System.err, true);
        System.exit(execute(args, out, err));
    }

    /** Runs the command line with the given output streams and returns the exit code. */
    static int execute(String[] args, PrintWriter out, PrintWriter err) {
        return execute(args, out, err, Workloads.ALL);
    }

    /** As {@link #execute(String[], PrintWriter, PrintWriter)}, benchmarking from the given workloads. */
    static int execute(String[] args, PrintWriter out, PrintWriter err, List<Workload> workloads) {
        CommandLine commandLine = new CommandLine(new Zoetrope())
                .addSubcommand("version", new VersionCommand())
                .addSubcommand("devices", new DevicesCommand())
                .addSubcommand("bench", new BenchCommand(workloads))
                .addSubcommand("train", new TrainCommand())
                .addSubcommand("inspect", new InspectCommand())
                .addSubcommand("shell", new ShellCommand())
                .addSubcommand("eval", new EvalCommand())
                .addSubcommand("demo", new DemoCommand())
                .setOut(out)
                .setErr(err);
        ErrorLines errors = new ErrorLines();
        commandLine.setParameterExceptionHandler(errors);
        commandLine.setExecutionExceptionHandler(errors);
        int code = commandLine.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /** Without a subcommand there is nothing to do: a usage mistake. */
    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(),
                "missing command: expected one of " + String.join(", ", spec.subcommands().keySet()));
    }
}
