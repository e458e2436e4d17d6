package video.vidicl;

import java.util.ArrayList;
import java.util.List;
import tensor.Tensor;
import video.data.Clip;
import video.data.World;

/**
 * Videos of the in-context world as the token sequences the transformer trains on: video
 * {@code i} ({@link World#video}: {@code S} segments of {@code F} frames, each a fresh scene under
 * one motion rule) becomes {@code S · latentFrames(F) · tokensPerFrame} tokens, segment after
 * segment and frame after frame, no separators. Random access by video index, so a position is
 * simply the index of the next video.
 *
 * <p>Each segment goes through the tokenizer on its own, as an in-context episode's demonstrations
 * and prompt do at evaluation ({@link video.vidicl.eval.TokenGenerator}): a scene cut is not
 * motion, and a tokenizer that looks back in time (MAGVIT-v2's causal encoder) was trained on single
 * scenes. For a per-frame tokenizer this is the same as encoding the whole video.
 */
public final class WorldTokens {
    private final World world;
    private final VideoTokenizer tokenizer;

    public WorldTokens(World world, VideoTokenizer tokenizer) {
        this.world = world;
        this.tokenizer = tokenizer;
    }

    /** Tokens in one video's sequence. */
    public int sequenceLength() {
        return world.config().segmentsPerVideo() * tokenizer.latentFrames(world.config().framesPerSegment())
                * tokenizer.tokensPerFrame();
    }

    /** Videos {@code first … first + count − 1} as I32 {@code [count, sequenceLength()]}. */
    public Tensor sequences(long first, int count) {
        if (first < 0 || count < 1) {
            throw new IllegalArgumentException("WorldTokens: needs first ≥ 0 and count ≥ 1, got " + first + " and " + count);
        }
        int frames = world.config().framesPerSegment();
        List<Tensor> segments = new ArrayList<>(count * world.config().segmentsPerVideo());
        for (int i = 0; i < count; i++) {
            Clip video = world.video(first + i).clip();
            for (int s = 0; s < world.config().segmentsPerVideo(); s++) {
                segments.add(video.frames(s * frames, (s + 1) * frames).toTensor());
            }
        }
        return tokenizer.encode(Tensor.stack(0, segments)).reshape(count, -1);
    }
}
