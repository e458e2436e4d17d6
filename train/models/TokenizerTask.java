package train.models;

import java.util.LinkedHashMap;
import java.util.Map;
import tensor.Generator;
import tensor.Tensor;
import train.LossReport;
import train.TrainingTask;
import video.magvit.MagvitTokenizer;

/**
 * The MAGVIT-v2 tokenizer ({@link MagvitTokenizer}) as the training loop sees it: the loss of a
 * batch of clips, reported with its terms and the reconstruction's quality:
 * {@code reconstruction}, {@code commitment}, {@code entropy_aux}, {@code codebook_entropy} (nats),
 * {@code codebook_usage} (fraction of the {@code 2^d} codes the batch used), {@code psnr_db} and
 * {@code ssim}.
 */
public record TokenizerTask(MagvitTokenizer tokenizer) implements TrainingTask {

    @Override
    public LossReport loss(Tensor batch, Generator rng) {
        MagvitTokenizer.Step step = tokenizer.forward(batch);
        Map<String, Double> metrics = new LinkedHashMap<>();
        metrics.put("reconstruction", step.reconstruction().value().item());
        metrics.put("commitment", step.quantizer().commitment().value().item());
        metrics.put("entropy_aux", step.quantizer().entropyAux().value().item());
        metrics.put("codebook_entropy", step.quantizer().codebookEntropy().value().item());
        metrics.put("codebook_usage", step.codebookUsage());
        metrics.put("psnr_db", step.psnr());
        metrics.put("ssim", step.ssim());
        return new LossReport(step.loss(), metrics);
    }

    @Override
    public Map<String, Tensor> stateDict() {
        return tokenizer.stateDict();
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        tokenizer.loadStateDict(state, true);
    }
}
