package train.models;

import java.nio.file.Path;
import train.TrainingState;
import train.checkpoint.CheckpointStore;
import train.config.ConfigMapper;
import train.config.TrainConfig;
import train.run.RunDirectory;
import video.magvit.MagvitTokenizer;

/**
 * A MAGVIT-v2 tokenizer restored from what {@code zoetrope train tokenizer} wrote: a checkpoint
 * file, or a run folder (its newest checkpoint). The checkpoint carries the run's resolved config,
 * which rebuilds the tokenizer; then the weights are loaded and it is put in evaluation mode.
 * Tensors land on the current device.
 */
public final class TrainedTokenizer {
    private TrainedTokenizer() {}

    /** The restored tokenizer, the clips it was trained on and the step it reached. */
    public record Loaded(MagvitTokenizer tokenizer, WorldClips.Config data, long step) {}

    /**
     * @throws IllegalArgumentException when {@code path} holds no checkpoint or not one of a tokenizer run
     * @throws train.checkpoint.CheckpointException for a corrupt checkpoint
     */
    public static Loaded load(Path path) {
        Path file = RunDirectory.checkpointAt(path);
        TrainingState state = CheckpointStore.load(file);
        TrainConfig config = TrainConfig.parse(state.configJson(), file + " (config)");
        try {
            ModelEntry.Built built = ModelRegistry.TOKENIZER.build(config, file + " (config)");
            built.trainData().close();
            built.evalData().close();
            built.task().loadState(state.model());
            MagvitTokenizer tokenizer = (MagvitTokenizer) built.module();
            tokenizer.eval();
            WorldClips.Config data = ConfigMapper.resolve(config.data(), ModelRegistry.TOKENIZER_DATA,
                    WorldClips.Config.class, file + " (data)");
            return new Loaded(tokenizer, data, state.step());
        } catch (RuntimeException e) {
            throw new IllegalArgumentException(file + " does not hold a " + ModelRegistry.TOKENIZER.name() + " run: "
                    + e.getMessage(), e);
        } finally {
            state.model().values().forEach(t -> t.close());
            state.optimizer().values().forEach(t -> t.close());
        }
    }
}
