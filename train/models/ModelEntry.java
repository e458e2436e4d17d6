package train.models;

import java.nio.file.Path;
import nn.Module;
import train.BatchSource;
import train.TrainingState;
import train.TrainingTask;
import train.checkpoint.CheckpointStore;
import train.config.TrainConfig;

/** A model that {@code zoetrope train NAME} can train: its name, and how to build it and its data from a config. */
public interface ModelEntry {

    /** The name on the command line, e.g. {@code tiny-video-autoencoder}. */
    String name();

    /** One line for the help text. */
    String description();

    /**
     * The model (initialised from the config's seed) and its data, and the config with the
     * {@code model} and {@code data} sections resolved against their defaults.
     *
     * @throws train.config.ConfigException for unknown keys or bad values in those sections
     */
    Built build(TrainConfig config, String source);

    /** What {@link #build} made; {@code module} and {@code task} are the same model seen two ways. */
    record Built(Module module, TrainingTask task, BatchSource trainData, BatchSource evalData, TrainConfig resolved) {}

    /**
     * A trained model: rebuilt from its run's config and loaded with the checkpoint's weights (no
     * data streams); {@code averaged} when those are the run's moving average of its weights.
     */
    record Restored(Module module, TrainingTask task, TrainConfig resolved, long step, boolean averaged) {}

    /**
     * This model as the checkpoint {@code file} of one of its runs left it: the checkpoint carries
     * the run's resolved config, which rebuilds the model, and then its weights are loaded: the
     * moving average of the weights when the run kept one ({@code ema_decay}), as generative models
     * are evaluated, else the weights as trained. Tensors land on the current device; the optimizer
     * state is dropped.
     *
     * @throws train.checkpoint.CheckpointException for a missing, corrupt or foreign checkpoint
     * @throws IllegalArgumentException             when the checkpoint is not one of this model's runs
     */
    default Restored restore(Path file) {
        TrainingState state = CheckpointStore.load(file);
        try {
            TrainConfig config = TrainConfig.parse(state.configJson(), file + " (config)");
            Built built = build(config, file + " (config)");
            built.trainData().close();
            built.evalData().close();
            boolean averaged = !state.ema().isEmpty();
            built.task().loadState(averaged ? state.ema() : state.model());
            return new Restored(built.module(), built.task(), built.resolved(), state.step(), averaged);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " does not hold a " + name() + " run: " + e.getMessage(), e);
        } finally {
            state.model().values().forEach(t -> t.close());
            state.optimizer().values().forEach(t -> t.close());
            state.ema().values().forEach(t -> t.close());
        }
    }
}
