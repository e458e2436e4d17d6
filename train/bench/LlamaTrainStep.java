package train.bench;

import autograd.Variable;
import java.util.List;
import nn.Parameter;
import tensor.DType;
import tensor.Generator;
import tensor.Tensor;
import train.optim.AdamW;
import video.vidicl.VidIclTransformer;

/**
 * One training step of a Llama-style decoder ({@link VidIclTransformer}): embedding, {@code layers}
 * blocks (RMSNorm, causal attention with RoPE, SwiGLU, no biases), final RMSNorm, untied head;
 * next-token cross-entropy on {@code batch} random sequences of {@code length} tokens, backward,
 * then one AdamW update (PyTorch's defaults) of every parameter. Reported as tokens per second
 * ({@code batch · length} predictions a step).
 *
 * <p>The model and the optimizer's moments live outside the harness's scopes (parameters outlive
 * steps); they stay allocated until the process ends.
 */
public record LlamaTrainStep(VidIclTransformer.Config config, int batch) implements Workload {

    /** The issue's workload: vocabulary 1024, width 256, 4 blocks of 4 heads, SwiGLU 1024, batch 8 of 256 tokens. */
    public static LlamaTrainStep issueSize() {
        return new LlamaTrainStep(VidIclTransformer.Config.of(1024, 256, 4, 4, 1024, 256), 8);
    }

    /**
     * The transformer {@code configs/vidicl-magvit.json} trains: vocabulary 1024 (MAGVIT-v2 codes
     * of 10 bits, read and written through their bits too), width 64, 3 blocks of 4 heads (head
     * size 16), SwiGLU 192, batch 8 of 576 tokens (9 frames of 8×8 codes).
     */
    public static LlamaTrainStep vidIclMagvitSize() {
        return new LlamaTrainStep(VidIclTransformer.Config.of(1024, 64, 3, 4, 192, 575).withCodeBits(true), 8);
    }

    @Override
    public String name() {
        return "llama_d" + config.width() + "_L" + config.layers() + "_T" + config.context() + "_B" + batch
                + (config.codeBits() ? "_bits" : "") + "_trainstep";
    }

    @Override
    public Trial prepare(Generator gen) {
        VidIclTransformer model = new VidIclTransformer(config, gen);
        Tensor sequences = Tensor.rand(gen, DType.F32, batch, config.context() + 1).mul(config.vocabulary()).to(DType.I32);
        List<Variable> params = model.parameters().stream().map(Parameter::variable).toList();
        AdamW optimizer = AdamW.of(params, AdamW.defaults());
        return Trial.afterFirstStep(() -> {
            model.loss(sequences).backward();
            optimizer.step();
            optimizer.zeroGrad();
        }, Work.tokens((double) batch * config.context()));
    }
}
