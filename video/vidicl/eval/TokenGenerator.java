package video.vidicl.eval;

import java.util.ArrayList;
import java.util.List;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;
import video.data.Clip;
import video.data.Episode;
import video.vidicl.Sampling;
import video.vidicl.VidIclTransformer;
import video.vidicl.VideoTokenizer;

/**
 * The Vid-ICL model as an {@link InContextGenerator}: each demonstration clip and the prompt go
 * through the tokenizer, the transformer continues the token sequence
 * ({@link VidIclTransformer#continueInContext}) by {@code frames · tokensPerFrame} tokens, and the
 * tokenizer decodes the query segment (prompt and generated tokens together, so a decoder that looks
 * back in time sees the prompt) back to frames. A batch of episodes is one batch of sequences.
 *
 * <p>The tokenizer must not downsample time ({@code latentFrames(T) = T}), so that a generated
 * latent frame is a video frame. Draws come from one {@link Generator} seeded at construction,
 * so an evaluation is reproducible.
 */
public final class TokenGenerator implements InContextGenerator {
    private final VidIclTransformer model;
    private final VideoTokenizer tokenizer;
    private final Sampling sampling;
    private final Generator gen;

    public TokenGenerator(VidIclTransformer model, VideoTokenizer tokenizer, Sampling sampling, long seed) {
        if (tokenizer.latentFrames(2) != 2) {
            throw new IllegalArgumentException("TokenGenerator: the tokenizer must keep one latent frame per frame, but "
                    + "it maps 2 frames to " + tokenizer.latentFrames(2));
        }
        if (tokenizer.vocabulary() != model.config().vocabulary()) {
            throw new IllegalArgumentException("TokenGenerator: the tokenizer's vocabulary " + tokenizer.vocabulary()
                    + " differs from the model's " + model.config().vocabulary());
        }
        this.model = model;
        this.tokenizer = tokenizer;
        this.sampling = sampling;
        this.gen = new Generator(seed, 0, 0);
    }

    @Override
    public List<Continuation> continueEpisodes(List<Episode> episodes, int frames) {
        int n = episodes.size();
        int demos = episodes.get(0).demos().size();
        try (MemoryScope scope = MemoryScope.open()) {
            List<Tensor> demoTokens = new ArrayList<>();
            for (int d = 0; d < demos; d++) {
                int k = d;
                demoTokens.add(tokenizer.encode(stack(episodes.stream().map(e -> e.demos().get(k)).toList())));
            }
            Tensor promptTokens = tokenizer.encode(stack(episodes.stream().map(Episode::prompt).toList()));
            int perFrame = tokenizer.tokensPerFrame();
            Tensor generated = model.continueInContext(demoTokens, promptTokens, frames, perFrame, sampling, gen)
                    .reshape(n, frames, perFrame);
            int promptFrames = promptTokens.dim(1);
            Tensor query = tokenizer.decode(Tensor.concat(1, promptTokens, generated));
            Tensor promptSeen = query.slice(2, 0, promptFrames);
            Tensor generatedFrames = query.slice(2, promptFrames, promptFrames + frames);
            List<Continuation> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(new Continuation(clip(promptSeen, i), clip(generatedFrames, i)));
            }
            return out;
        }
    }

    private static Tensor stack(List<Clip> clips) {
        return Tensor.stack(0, clips.stream().map(Clip::toTensor).toList());
    }

    private static Clip clip(Tensor videos, int i) {
        return Clip.of(videos.slice(0, i, i + 1).squeeze(0));
    }
}
