package train.models;

import com.fasterxml.jackson.annotation.JsonCreator;
import java.nio.file.Path;
import java.util.List;

import tensor.Tensor;
import train.BatchSource;
import train.config.ConfigException;
import video.data.MotionFamily;
import video.data.ShapeKind;
import video.data.Spawn;
import video.data.World;
import video.data.WorldConfig;
import video.vidicl.MagvitVideoTokenizer;
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
     * {@code framesPerSegment} frames (one motion rule per video), tokenized by the
     * {@link PatchColourTokenizer} with {@code patch × patch} squares and {@code levels} levels per
     * channel (vocabulary {@code levels³}). The rules come from {@code families} and {@code speeds};
     * scenes hold {@code minObjects … maxObjects} objects of side {@code minSize … maxSize} over a
     * background with texture on {@code textureDensity} of its pixels, placed as {@code spawn} says
     * (shapes, palette and backgrounds are the world's defaults). The five-number form takes the
     * scene vocabulary of {@link WorldClips} at that size (both families, speeds 1 and 2, 1–3
     * objects, 4% texture, {@link Spawn#FOR_RULE}).
     *
     * <p>{@code tokenizer}, when given, is a run folder or checkpoint of {@code zoetrope train
     * tokenizer}: its MAGVIT-v2 codes ({@link MagvitVideoTokenizer}, vocabulary {@code 2^bits})
     * replace the patch-colour tokens, and {@code patch} and {@code levels} play no part. A relative
     * path is read from the working directory, when training and again when a checkpoint is loaded.
     * With {@code frameByFrame} that tokenizer encodes each frame as an image of its own instead of
     * each segment as a video (see {@link MagvitVideoTokenizer}); the patch-colour tokens are per
     * frame anyway.
     */
    public record Config(int size, int framesPerSegment, int segments, int patch, int levels,
                         List<MotionFamily> families, List<Integer> speeds, int minObjects, int maxObjects, int minSize,
                         int maxSize, double textureDensity, Spawn spawn, String tokenizer, boolean frameByFrame) {
        public static final Config DEFAULTS = new Config(16, 6, 3, 4, 4);

        @JsonCreator
        public Config {
            families = families == null ? null : List.copyOf(families);
            speeds = speeds == null ? null : List.copyOf(speeds);
            try {
                world(size, framesPerSegment, segments, families, speeds, minObjects, maxObjects, minSize, maxSize,
                        textureDensity, spawn);
                new PatchColourTokenizer(size, size, patch, levels);
            } catch (IllegalArgumentException | NullPointerException e) {
                throw new IllegalArgumentException("data: " + e.getMessage(), e);
            }
        }

        public Config(int size, int framesPerSegment, int segments, int patch, int levels) {
            this(size, framesPerSegment, segments, patch, levels, List.of(MotionFamily.values()), List.of(1, 2), 1, 3,
                    Math.max(3, size / 8), Math.max(3, size / 4), 0.04, Spawn.FOR_RULE, null, false);
        }

        public WorldConfig world() {
            return world(size, framesPerSegment, segments, families, speeds, minObjects, maxObjects, minSize, maxSize,
                    textureDensity, spawn);
        }

        /**
         * The patch-colour tokenizer, or the trained MAGVIT-v2 tokenizer that {@code tokenizer} names
         * (loaded on each call).
         *
         * @throws ConfigException when {@code tokenizer} names no tokenizer run, or one whose cells do not tile the frame
         */
        public VideoTokenizer videoTokenizer() {
            if (tokenizer == null) {
                return new PatchColourTokenizer(size, size, patch, levels);
            }
            try {
                return new MagvitVideoTokenizer(TrainedTokenizer.load(Path.of(tokenizer)).tokenizer(), size, size,
                        frameByFrame);
            } catch (IllegalArgumentException e) {
                throw new ConfigException("data.tokenizer: " + e.getMessage());
            }
        }

        private static WorldConfig world(int size, int framesPerSegment, int segments, List<MotionFamily> families,
                                         List<Integer> speeds, int minObjects, int maxObjects, int minSize, int maxSize,
                                         double textureDensity, Spawn spawn) {
            return new WorldConfig(size, size, framesPerSegment, segments, families, speeds, List.of(ShapeKind.values()),
                    WorldConfig.DEFAULT_PALETTE, WorldConfig.DEFAULT_BACKGROUNDS, minObjects, maxObjects, minSize, maxSize,
                    textureDensity, spawn);
        }
    }

    private final WorldTokens tokens;
    private long position;

    /** @param tokenizer {@code config.videoTokenizer()}, made once and shared by a run's streams */
    public WorldTokenBatches(Config config, VideoTokenizer tokenizer, long seed) {
        this.tokens = new WorldTokens(new World(config.world(), seed), tokenizer);
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
