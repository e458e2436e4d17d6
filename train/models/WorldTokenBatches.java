package train.models;

import tensor.Tensor;
import train.BatchSource;
import video.data.World;
import video.vidicl.VideoTokenizer;
import video.vidicl.WorldTokens;

/**
 * Token sequences of in-context world videos ({@link WorldTokens}) as training batches: example
 * {@code i} is video {@code i} of the world, I32 {@code [sequenceLength]}; a batch stacks
 * consecutive videos to {@code [N, sequenceLength]}. The position is the number of videos drawn.
 */
public final class WorldTokenBatches implements BatchSource {
    private final WorldTokens tokens;
    private long position;

    public WorldTokenBatches(World world, VideoTokenizer tokenizer) {
        this.tokens = new WorldTokens(world, tokenizer);
    }

    public int sequenceLength() {
        return tokens.sequenceLength();
    }

    @Override
    public Tensor next(int batchSize) {
        Tensor batch = tokens.sequences(position, batchSize);
        position += batchSize;
        return batch;
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("WorldTokenBatches: a position is at least 0, got " + position);
        }
        this.position = position;
    }
}
