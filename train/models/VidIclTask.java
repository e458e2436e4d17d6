package train.models;

import autograd.Variable;
import java.util.LinkedHashMap;
import java.util.Map;
import tensor.Generator;
import tensor.Tensor;
import train.LossReport;
import train.TrainingTask;
import video.data.WorldConfig;
import video.vidicl.VidIclTransformer;
import video.vidicl.VideoTokenizer;

/**
 * Training the Vid-ICL transformer: batches are token sequences of whole videos
 * ({@link WorldTokenBatches}) and the loss is next-token cross-entropy
 * ({@link VidIclTransformer#loss}), reported with its perplexity {@code exp(loss)}. The report's
 * samples decode a batch's tokens and the model's teacher-forced predictions (the most likely
 * next token at every position, the first token given) back to video.
 */
public final class VidIclTask implements TrainingTask {
    private final VidIclTransformer model;
    private final VideoTokenizer tokenizer;
    private final WorldConfig world;

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

    /** The world the model was trained on (the evaluation draws fresh scenes from the same world). */
    public WorldConfig world() {
        return world;
    }

    @Override
    public LossReport loss(Tensor batch, Generator rng) {
        Variable loss = model.loss(batch);
        return new LossReport(loss, Map.of("perplexity", Math.exp(loss.value().item())));
    }

    @Override
    public Map<String, Tensor> stateDict() {
        return model.stateDict();
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        model.loadStateDict(state, true);
    }

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
