package video.vidicl.eval;

import java.util.ArrayList;
import java.util.List;
import tensor.MemoryScope;
import tensor.Tensor;
import video.data.Clip;
import video.data.Episode;
import video.vidicl.VideoTokenizer;

/**
 * The best any model over {@code tokenizer}'s tokens could do: an {@link InContextGenerator} that
 * "generates" each episode's ground-truth continuation as the tokenizer sees it (the query
 * segment, prompt and continuation, encoded and decoded as one clip). Unlike a real generator it
 * reads the continuation, on purpose. Scored like a model, its same-rule accuracy and PSNR say
 * how much of the motion and the picture survive the tokenizer: a model that falls short of them
 * is limited by the transformer, not by the tokens.
 */
public final class TokenizerCeiling implements InContextGenerator {
    private final VideoTokenizer tokenizer;

    public TokenizerCeiling(VideoTokenizer tokenizer) {
        this.tokenizer = tokenizer;
    }

    @Override
    @SuppressWarnings("try") // the scope frees the batch's tensors; its body never names it
    public List<Continuation> continueEpisodes(List<Episode> episodes, int frames) {
        List<Continuation> out = new ArrayList<>(episodes.size());
        try (MemoryScope scope = MemoryScope.open()) {
            List<Tensor> segments = episodes.stream()
                    .map(e -> Clip.concatFrames(List.of(e.prompt(), e.continuation())).toTensor())
                    .toList();
            Tensor seen = tokenizer.decode(tokenizer.encode(Tensor.stack(0, segments)));
            for (int i = 0; i < episodes.size(); i++) {
                Clip clip = Clip.of(seen.slice(0, i, i + 1).squeeze(0));
                int p = episodes.get(i).prompt().frames();
                out.add(new Continuation(clip.frames(0, p), clip.frames(p, p + frames)));
            }
        }
        return out;
    }
}
