package train.models;

import java.util.Map;
import tensor.Generator;
import tensor.Tensor;
import train.LossReport;
import train.TrainingTask;
import video.vidicl.VidIclTransformer;

/**
 * The Vid-ICL transformer as the training loop sees it: the loss of a batch of token sequences
 * {@code [N, L+1]} is the next-token cross-entropy ({@link VidIclTransformer#loss}), reported with
 * its bits per token ({@code loss / ln 2}).
 */
public final class VidIclTask implements TrainingTask {

    /** The transformer's shape; the vocabulary and the context come from the data. */
    public record Config(int width, int layers, int heads, int hidden) {
        public static final Config DEFAULTS = new Config(128, 4, 4, 384);

        public Config {
            if (width < 1 || layers < 1 || heads < 1 || hidden < 1) {
                throw new IllegalArgumentException("model.width, layers, heads and hidden must be at least 1, got "
                        + width + ", " + layers + ", " + heads + ", " + hidden);
            }
        }

        /** The transformer for a vocabulary and sequences of {@code context} tokens. */
        public VidIclTransformer.Config transformer(int vocabulary, int context) {
            try {
                return VidIclTransformer.Config.of(vocabulary, width, layers, heads, hidden, context);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("model: " + e.getMessage(), e);
            }
        }
    }

    private final VidIclTransformer model;

    public VidIclTask(VidIclTransformer model) {
        this.model = model;
    }

    @Override
    public LossReport loss(Tensor batch, Generator rng) {
        var loss = model.loss(batch);
        return new LossReport(loss, Map.of("bits_per_token", loss.value().item() / Math.log(2)));
    }

    @Override
    public Map<String, Tensor> stateDict() {
        return model.stateDict();
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        model.loadStateDict(state, true);
    }
}
