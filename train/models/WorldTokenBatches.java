package train.models;

import tensor.Tensor;
import train.BatchSource;
import video.data.World;
import video.data.WorldConfig;
import video.vidicl.PatchColourTokenizer;
import video.vidicl.VideoTokenizer;
import video.vidicl.WorldTokens;

/**
 * Token sequences of in-context world videos for the Vid-ICL transformer ({@link WorldTokens}):
 * example {@code i} is video {@code i}, all its segments, through the tokenizer, flattened frame
 * after frame; a batch is {@code [N, sequenceLength]} I32. The position is the number of videos
 * drawn; every video is a function of {@code (seed, i)}, so seeking is free.
 */
public final class WorldTokenBatches implements BatchSource {

    /**
     * The world and its tokenizer: square frames of side {@code size}, {@code segments} segments of
     * {@code framesPerSegment} frames (one motion rule per video; the scene vocabulary of
     * {@link WorldClips}), tokenized by the
     * {@link PatchColourTokenizer} with {@code patch × patch} squares and {@code levels} levels per
     * channel (vocabulary {@code levels³}).
     */
    public record Config(int size, int framesPerSegment, int segments, int patch, int levels) {
        public static final Config DEFAULTS = new Config(16, 6, 3, 4, 4);

        public Config {
            try {
                world(size, framesPerSegment, segments);
                new PatchColourTokenizer(size, size, patch, levels);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("data: " + e.getMessage(), e);
            }
        }

        public WorldConfig world() {
            return world(size, framesPerSegment, segments);
        }

        public VideoTokenizer tokenizer() {
            return new PatchColourTokenizer(size, size, patch, levels);
        }

        private static WorldConfig world(int size, int framesPerSegment, int segments) {
            return new WorldClips.Config(size, framesPerSegment).world().withFrames(framesPerSegment, segments);
        }
    }

    private final WorldTokens tokens;
    private long position;

    public WorldTokenBatches(Config config, long seed) {
        this.tokens = new WorldTokens(new World(config.world(), seed), config.tokenizer());
    }

    /** Tokens in each example. */
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
