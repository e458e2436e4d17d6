package train.cli;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;
import train.checkpoint.CheckpointException;
import train.config.ConfigException;
import train.models.ModelEntry;
import train.models.ModelRegistry;
import train.run.RunConflictException;
import train.run.TrainingRun;

/**
 * {@code zoetrope train MODEL --config FILE [--out DIR] [--steps N] [--resume] [--overwrite]
 * [--device D] [--seed S] [--ema-decay D]}: trains a registered model. Flags override the config file; the
 * resolved config, metrics and checkpoints go to the output folder. An unknown model, a bad
 * config, a missing or corrupt checkpoint to resume from, or an output folder that holds another
 * run (without {@code --resume} or {@code --overwrite}) is a usage mistake, reported in one line
 * before anything is written.
 */
@Command(name = "train", description = "Train a registered model; checkpoints, metrics and the resolved config go to --out.")
final class TrainCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    @Parameters(index = "0", paramLabel = "MODEL", description = "The model to train.")
    private String model;

    @Option(names = "--config", paramLabel = "FILE", description = "JSON config (optional with --resume: the run's own is used).")
    private Path config;

    @Option(names = "--out", paramLabel = "DIR", defaultValue = "runs/run", description = "Output folder (default: ${DEFAULT-VALUE}).")
    private Path out;

    @Option(names = "--steps", paramLabel = "N", description = "Total optimizer steps (overrides the config).")
    private Long steps;

    @Option(names = "--seed", paramLabel = "S", description = "Seed of every random stream (overrides the config).")
    private Long seed;

    @Option(names = "--ema-decay", paramLabel = "D", description = "Keep a moving average of the weights with this decay, "
            + "e.g. 0.999 (overrides the config's ema_decay; 0: none). Given at --resume, the average starts from the checkpoint's weights.")
    private Double emaDecay;

    @Option(names = "--device", paramLabel = "cpu|cl|cl:N", description = "Device (overrides the config; default: ZOETROPE_DEVICE).")
    private String device;

    @Option(names = "--resume", description = "Continue the run in --out from its newest checkpoint.")
    private boolean resume;

    @Option(names = "--overwrite", description = "Delete the run in --out and start over.")
    private boolean overwrite;

    @Override
    public Integer call() throws Exception {
        ModelEntry entry;
        try {
            entry = ModelRegistry.find(model);
        } catch (IllegalArgumentException e) {
            throw usage(e.getMessage());
        }
        if (config == null && !resume) {
            throw usage("missing --config FILE (only --resume may leave it out)");
        }
        if (resume && overwrite) {
            throw usage("--resume and --overwrite contradict each other: choose one");
        }
        ObjectNode overrides = JsonNodeFactory.instance.objectNode();
        if (steps != null) {
            overrides.put("steps", steps);
        }
        if (seed != null) {
            overrides.put("seed", seed);
        }
        if (device != null) {
            overrides.put("device", device);
        }
        if (emaDecay != null) {
            overrides.put("ema_decay", emaDecay);
        }
        PrintWriter out = spec.commandLine().getOut();
        TrainingRun run;
        try {
            run = TrainingRun.open(new TrainingRun.Request(entry, config, overrides, this.out, resume, overwrite),
                    out, System.console() != null);
        } catch (ConfigException | RunConflictException | CheckpointException e) {
            throw usage(e.getMessage());
        }
        try (run) {
            long from = run.trainer().step();
            out.println("training " + entry.name() + " on " + run.backend().name() + " in " + this.out
                    + (from > 0 ? ", resuming at step " + from : ""));
            run.train();
            out.println("done: " + run.trainer().step() + " steps; checkpoints in " + run.directory().checkpointFolder());
        }
        return 0;
    }

    private ParameterException usage(String message) {
        return new ParameterException(spec.commandLine(), message);
    }
}
