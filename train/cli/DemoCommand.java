package train.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import tensor.Backend;
import train.config.ConfigException;
import train.models.ModelRegistry;
import train.models.TrainedVidIcl;
import train.run.RunConflictException;
import train.run.RunDirectory;
import train.run.TrainingRun;
import video.vidicl.Sampling;
import video.vidicl.eval.EvalSettings;

/**
 * {@code zoetrope demo}: video in-context learning, trained and measured. Uses the Vid-ICL weights
 * in {@code --weights} (a run folder of {@code zoetrope train vidicl}, as committed under
 * {@code weights/vidicl-magvit}: the transformer over the MAGVIT-v2 tokenizer's codes of
 * {@code weights/tokenizer}); when there are none, first trains a small model with {@code --config}
 * into {@code OUT/train} (showing progress; an interrupted demo resumes there). Then runs the
 * in-context evaluation ({@code zoetrope eval vidicl}, with the same {@link EvalOptions}) into {@code OUT/eval} and prints where the
 * report, {@code eval.json} and the GIFs are.
 */
@Command(name = "demo", description = "Video in-context learning end to end: (train if no weights,) evaluate, write GIFs, eval.json and a report.")
final class DemoCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Option(names = "--weights", paramLabel = "RUN", defaultValue = "weights/vidicl-magvit",
            description = "Run folder of trained weights; trained first when it has none (default: ${DEFAULT-VALUE}).")
    private Path weights;

    @Option(names = "--config", paramLabel = "FILE", defaultValue = "configs/vidicl.json",
            description = "Training config used when there are no weights (default: ${DEFAULT-VALUE}).")
    private Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/demo", description = "Output folder (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Mixin
    private EvalOptions options;

    @Override
    public Integer call() {
        EvalSettings settings = options.settings();
        Sampling sampling = options.sampling();
        Backend backend = options.backend();
        PrintWriter printer = spec.commandLine().getOut();
        long started = System.nanoTime();
        Optional<Path> shipped = new RunDirectory(weights).checkpoints(1).latest();
        Path checkpoint;
        if (shipped.isPresent()) {
            checkpoint = shipped.get();
            printer.println("using trained weights " + checkpoint);
        } else {
            checkpoint = train(printer);
        }
        Path report = EvalCommand.evaluate(spec, checkpoint, backend, settings,
                sampling, out.resolve("eval"), printer);
        printer.println("GIFs:      " + out.resolve("eval").resolve("gifs"));
        printer.println("report:    " + report);
        printer.printf(java.util.Locale.ROOT, "demo done in %.0f s%n", (System.nanoTime() - started) / 1e9);
        return 0;
    }

    /** Trains (or finishes training) the small model into {@code OUT/train}; returns its final checkpoint. */
    private Path train(PrintWriter printer) {
        if (!Files.isRegularFile(config)) {
            throw new ParameterException(spec.commandLine(), "no weights in " + weights + " and no config to train with: "
                    + config + " does not exist (run the demo from the repository's root, or pass --config)");
        }
        Path folder = out.resolve("train");
        boolean resume = new RunDirectory(folder).checkpoints(1).latest().isPresent();
        printer.println("no trained weights in " + weights + ": training a small model first with " + config + " into "
                + folder + (resume ? " (resuming)" : ""));
        ObjectNode overrides = JsonNodeFactory.instance.objectNode();
        if (options.device() != null) {
            overrides.put("device", options.device());
        }
        TrainingRun run;
        try {
            run = TrainingRun.open(new TrainingRun.Request(ModelRegistry.find(TrainedVidIcl.NAME), config, overrides, folder, resume, !resume),
                    printer, System.console() != null);
        } catch (ConfigException | RunConflictException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
        try (run) {
            run.train();
            return run.directory().checkpoints(1).latest().orElseThrow(() ->
                    new IllegalStateException("training ended without a checkpoint in " + folder));
        }
    }
}
