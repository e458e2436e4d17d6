package train.models;

import java.nio.file.Path;
import train.config.ConfigMapper;
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
        ModelEntry.Restored restored = ModelRegistry.TOKENIZER.restore(file);
        MagvitTokenizer tokenizer = (MagvitTokenizer) restored.module();
        tokenizer.eval();
        WorldClips.Config data = ConfigMapper.resolve(restored.resolved().data(), ModelRegistry.TOKENIZER_DATA,
                WorldClips.Config.class, file + " (data)");
        return new Loaded(tokenizer, data, restored.step());
    }
}
