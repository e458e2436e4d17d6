package train.models;

import java.nio.file.Path;
import train.config.TrainConfig;

/**
 * A Vid-ICL model restored from a checkpoint that {@code zoetrope train vidicl} wrote
 * ({@link ModelEntry#restore}): the run's config rebuilds the model, its tokenizer and its world;
 * then the weights are loaded. Tensors land on the current device.
 */
public final class TrainedVidIcl {
    /** The model's name in the registry. */
    public static final String NAME = "vidicl";

    private TrainedVidIcl() {}

    /**
     * The restored model, with the config it was trained under and the step it reached;
     * {@code averaged} when its weights are the run's moving average ({@code ema_decay}).
     */
    public record Loaded(VidIclTask task, TrainConfig config, long step, boolean averaged) {}

    /**
     * @throws train.checkpoint.CheckpointException for a missing, corrupt or foreign checkpoint
     * @throws IllegalArgumentException             when the checkpoint is not one of a vidicl run
     */
    public static Loaded load(Path checkpoint) {
        ModelEntry.Restored restored = ModelRegistry.find(NAME).restore(checkpoint);
        return new Loaded((VidIclTask) restored.task(), restored.resolved(), restored.step(), restored.averaged());
    }
}
