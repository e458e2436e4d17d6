package train.models;

import java.nio.file.Path;
import train.TrainingState;
import train.checkpoint.CheckpointStore;
import train.config.TrainConfig;

/**
 * A Vid-ICL model restored from a checkpoint that {@code zoetrope train vidicl} wrote: the
 * checkpoint carries the run's resolved config, which rebuilds the model, its tokenizer and its
 * world; then the weights are loaded. Tensors land on the current device.
 */
public final class TrainedVidIcl {
    /** The model's name in the registry. */
    public static final String NAME = "vidicl";

    private TrainedVidIcl() {}

    /** The restored model, with the config it was trained under and the step it reached. */
    public record Loaded(VidIclTask task, TrainConfig config, long step) {}

    /**
     * @throws train.checkpoint.CheckpointException for a missing, corrupt or foreign checkpoint
     * @throws IllegalArgumentException             when the checkpoint is not one of a vidicl run
     */
    public static Loaded load(Path checkpoint) {
        TrainingState state = CheckpointStore.load(checkpoint);
        TrainConfig config = TrainConfig.parse(state.configJson(), checkpoint + " (config)");
        ModelEntry.Built built;
        try {
            built = ModelRegistry.find(NAME).build(config, checkpoint + " (config)");
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(checkpoint + " does not hold a " + NAME + " run: " + e.getMessage(), e);
        }
        VidIclTask task = (VidIclTask) built.task();
        try {
            task.loadState(state.model());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(checkpoint + " does not hold a " + NAME + " run: " + e.getMessage(), e);
        }
        state.model().values().forEach(t -> t.close());
        state.optimizer().values().forEach(t -> t.close());
        return new Loaded(task, built.resolved(), state.step());
    }
}
