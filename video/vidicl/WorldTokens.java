package video.vidicl;

import java.util.ArrayList;
import java.util.List;
import tensor.Tensor;
import video.data.Episode;
import video.data.World;

/**
 * Videos of the in-context world as the token sequences the transformer trains on: video
 * {@code i} ({@link World#video}: segments of fresh scenes under one motion rule, frames one after
 * another) goes through the tokenizer and is flattened to
 * {@code latentFrames(S·T) · tokensPerFrame} tokens, frame after frame, no separators. Random
 * access by video index, so a position is simply the index of the next video.
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
        return tokenizer.latentFrames(world.config().framesPerVideo()) * tokenizer.tokensPerFrame();
    }

    /** Videos {@code first … first + count − 1} as I32 {@code [count, sequenceLength()]}. */
    public Tensor sequences(long first, int count) {
        if (first < 0 || count < 1) {
            throw new IllegalArgumentException("WorldTokens: needs first ≥ 0 and count ≥ 1, got " + first + " and " + count);
        }
        List<Tensor> clips = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            clips.add(world.video(first + i).clip().toTensor());
        }
        return tokenizer.encode(Tensor.stack(0, clips)).reshape(count, -1);
    }

    /**
     * The prompt of an in-context {@link Episode} as I32 {@code [1, length]}: its demonstrations
     * and then its prompt frames ({@link Episode#context()}), encoded as one clip exactly as
     * training videos are, so a tokenizer that looks across frames (a causal one) sees the same
     * kind of input at evaluation as in training.
     */
    public Tensor context(Episode episode) {
        return tokenizer.encode(episode.context().toTensor().unsqueeze(0)).reshape(1, -1);
    }
}
