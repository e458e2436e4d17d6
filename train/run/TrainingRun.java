package train.run;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import tensor.Backend;
import tensor.Devices;
import tensor.MemoryScope;
import train.ModuleOptimization;
import train.ProgressReport;
import train.Trainer;
import train.TrainingState;
import train.checkpoint.CheckpointStore;
import train.config.ConfigException;
import train.config.TrainConfig;
import train.models.ModelEntry;

/**
 * Sets up a run in its folder: refuses to touch a folder that holds another run unless asked
 * ({@code resume} continues it from its newest checkpoint, {@code overwrite} starts over), builds
 * the model, optimizer, schedule and data from the config, writes the resolved config, and
 * hands back a {@link Trainer} positioned where the run stands.
 *
 * <p>On resume without a config file, the run's own {@code config.json} is used, so
 * {@code --resume --steps 2000} extends a run (the schedule is then laid over the new length).
 */
public final class TrainingRun implements AutoCloseable {
    private final Trainer trainer;
    private final ModuleOptimization optimization;
    private final RunDirectory directory;
    private final Backend backend;
    private final ModelEntry.Built built;

    private TrainingRun(Trainer trainer, ModuleOptimization optimization, RunDirectory directory, Backend backend,
                        ModelEntry.Built built) {
        this.built = built;
        this.trainer = trainer;
        this.optimization = optimization;
        this.directory = directory;
        this.backend = backend;
    }

    /** What a run is asked to do. {@code configFile} may be null only with {@code resume}. */
    public record Request(ModelEntry model, Path configFile, ObjectNode overrides, Path out, boolean resume,
                          boolean overwrite) {}

    /**
     * @throws ConfigException      for a bad config (a usage mistake)
     * @throws RunConflictException when the folder holds a run and neither resume nor overwrite was asked,
     *                              or resume was asked where there is nothing to resume
     */
    @SuppressWarnings("try") // Devices.use is held for its effect
    public static TrainingRun open(Request request, PrintWriter progressOut, boolean terminal) {
        RunDirectory directory = new RunDirectory(request.out());
        Optional<Path> checkpoint = directory.checkpoints(1).latest();
        if (request.resume()) {
            if (checkpoint.isEmpty()) {
                throw new RunConflictException("nothing to resume in " + request.out() + ": it has no checkpoint");
            }
        } else if (directory.holdsRun() && !request.overwrite()) {
            throw new RunConflictException(request.out() + " already holds a run: pass --resume to continue it or "
                    + "--overwrite to start over");
        }
        Path configFile = request.configFile() != null ? request.configFile() : directory.config();
        TrainConfig config = TrainConfig.load(configFile, request.overrides());
        Backend backend = backend(config.device(), configFile);
        try (Devices.Selection use = Devices.use(backend)) {
            return open(request, config, configFile, directory, checkpoint, backend, progressOut, terminal);
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static Backend backend(String device, Path configFile) {
        try {
            return device == null ? Devices.current() : Devices.select(device);
        } catch (IllegalArgumentException e) {
            throw new ConfigException(configFile + ": bad value for 'device': " + e.getMessage());
        }
    }

    private static TrainingRun open(Request request, TrainConfig config, Path configFile, RunDirectory directory,
                                    Optional<Path> checkpoint, Backend backend, PrintWriter progressOut, boolean terminal) {
        ModelEntry.Built built = request.model().build(config, configFile.toString());
        TrainConfig resolved = built.resolved();

        ModuleOptimization optimization = new ModuleOptimization(built.module(), resolved.optimizer()::build);
        try (MemoryScope loading = MemoryScope.open()) { // a checkpoint's tensors go once copied in
            // the checkpoint is read and checked before anything in the folder changes
            TrainingState state = request.resume() ? CheckpointStore.load(checkpoint.get()) : null;
            if (request.overwrite() && !request.resume()) {
                directory.clear();
            }
            directory.writeConfig(resolved.toJson());
            Trainer trainer = new Trainer(resolved,
                    new Trainer.Parts(built.task(), optimization,
                            resolved.schedule().build(resolved.optimizer().learningRate(), resolved.steps())::lr,
                            built.trainData(), built.evalData()),
                    directory.metrics(), new ProgressReport(progressOut, terminal, resolved.logEvery()),
                    directory.checkpoints(resolved.keepCheckpoints())::save);
            try {
                if (state != null) {
                    trainer.restore(state);
                }
            } catch (RuntimeException e) {
                trainer.close();
                throw e;
            }
            return new TrainingRun(trainer, optimization, directory, backend, built);
        } catch (RuntimeException e) {
            optimization.close();
            built.trainData().close();
            built.evalData().close();
            throw e;
        }
    }

    /** Trains to the config's last step on the run's device, then writes the run's report. */
    @SuppressWarnings("try") // Devices.use is held for its effect
    public void train() {
        try (Devices.Selection use = Devices.use(backend)) {
            trainer.run();
            TrainConfig config = built.resolved();
            RunReport.write(directory.report(), built.task().getClass().getSimpleName() + " in " + directory.root(),
                    config.toJson(), directory.metrics().read(), built.task(), built.evalData(), config.batchSize());
        } catch (RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    public Backend backend() {
        return backend;
    }

    public Trainer trainer() {
        return trainer;
    }

    public RunDirectory directory() {
        return directory;
    }

    /** Frees the optimizer's state and the moving average, and stops the data sources' loaders. */
    @Override
    public void close() {
        trainer.close();
        optimization.close();
        built.trainData().close();
        built.evalData().close();
    }
}
