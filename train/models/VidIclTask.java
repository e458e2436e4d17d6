package train.models;

import java.util.LinkedHashMap;
import java.util.Map;
import nn.attention.RotaryEmbedding;
import tensor.Generator;
import tensor.Tensor;
import train.LossReport;
import train.TrainingTask;
import train.config.ConfigException;
import video.data.WorldConfig;
import video.vidicl.VidIclTransformer;
import video.vidicl.VideoTokenizer;

/**
 * The Vid-ICL transformer as the training loop sees it: the loss of a batch of token sequences
 * {@code [N, L+1]} is the next-token cross-entropy ({@link VidIclTransformer#loss}), reported with
 * its bits per token ({@code loss / ln 2}). The run's report shows a batch's videos next to the
 * model's teacher-forced predictions.
 */
public final class VidIclTask implements TrainingTask {

    /**
     * The transformer's shape, its RoPE base ({@code rope_theta}, 10000 unless given) and whether
     * it also reads and writes the bits of its tokens ({@code code_bits}, off unless given; see
     * {@link VidIclTransformer}); the vocabulary and the context come from the data.
     */
    public record Config(int width, int layers, int heads, int hidden, double ropeTheta, boolean codeBits) {
        public static final Config DEFAULTS = new Config(128, 4, 4, 384, RotaryEmbedding.DEFAULT_BASE, false);

        public Config {
            if (width < 1 || layers < 1 || heads < 1 || hidden < 1) {
                throw new IllegalArgumentException("model.width, layers, heads and hidden must be at least 1, got "
                        + width + ", " + layers + ", " + heads + ", " + hidden);
            }
            if (!(ropeTheta > 1)) {
                throw new IllegalArgumentException("model.rope_theta must be greater than 1, got " + ropeTheta);
            }
        }

        /** The transformer for a vocabulary and sequences of {@code context} tokens. */
        public VidIclTransformer.Config transformer(int vocabulary, int context) {
            try {
                return VidIclTransformer.Config.of(vocabulary, width, layers, heads, hidden, context).withRopeTheta(ropeTheta)
                        .withCodeBits(codeBits);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("model: " + e.getMessage());
            }
        }
    }

    private final VidIclTransformer model;
    private final VideoTokenizer tokenizer;
    private final WorldConfig world;

    /** @param tokenizer and {@code world}: what the token sequences are made from (for samples and evaluation) */
    public VidIclTask(VidIclTransformer model, VideoTokenizer tokenizer, WorldConfig world) {
        this.model = model;
        this.tokenizer = tokenizer;
        this.world = world;
    }

    public VidIclTransformer model() {
        return model;
    }

    public VideoTokenizer tokenizer() {
        return tokenizer;
    }

    /** The world the model was trained on (an evaluation draws fresh scenes from the same world). */
    public WorldConfig world() {
        return world;
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

    /**
     * A batch's videos and the model's teacher-forced predictions (the likeliest next token at
     * every position, the first token given), decoded back to frames.
     */
    @Override
    public Map<String, Tensor> samples(Tensor batch) {
        int n = batch.dim(0);
        int length = batch.dim(1);
        Tensor predicted = model.forward(batch.slice(1, 0, length - 1)).value().argmax(2);     // [N, L−1]
        Tensor teacherForced = Tensor.concat(1, batch.slice(1, 0, 1), predicted.to(batch.dtype()));
        Map<String, Tensor> videos = new LinkedHashMap<>();
        videos.put("video", decode(batch, n));
        videos.put("prediction (teacher-forced)", decode(teacherForced, n));
        return videos;
    }

    private Tensor decode(Tensor sequences, int n) {
        return tokenizer.decode(sequences.contiguous().reshape(n, -1, tokenizer.tokensPerFrame()));
    }
}
