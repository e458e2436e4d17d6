package train.models;

import java.util.ArrayList;
import java.util.List;
import tensor.Tensor;
import train.BatchSource;
import video.data.MotionFamily;
import video.data.ShapeKind;
import video.data.World;
import video.data.WorldConfig;

/**
 * Clips of the in-context world ({@link World}): example {@code i} is the first segment of video
 * {@code i}, {@code [3, frames, size, size]} in {@code [0, 1]}; a batch stacks consecutive
 * examples to {@code [N, 3, frames, size, size]}. The position is the number of examples drawn, and
 * since each video is a function of {@code (seed, i)} alone, seeking is free.
 */
public final class WorldClips implements BatchSource {

    /** @param size side of the square frames; @param frames frames per clip */
    public record Config(int size, int frames) {
        public static final Config DEFAULTS = new Config(16, 4);

        public Config {
            if (size < 8 || size % 2 != 0) {
                throw new IllegalArgumentException("data.size must be even and at least 8, got " + size);
            }
            world(size, frames); // the world checks that objects stay in view for all frames
        }

        /** The world these clips come from. */
        public WorldConfig world() {
            return world(size, frames);
        }

        /**
         * The default world's vocabulary at this size ({@link WorldConfig#defaults}), one segment of
         * {@code frames} frames.
         */
        private static WorldConfig world(int size, int frames) {
            try {
                return new WorldConfig(size, size, frames, 1, List.of(MotionFamily.values()), List.of(1, 2),
                        List.of(ShapeKind.values()), WorldConfig.DEFAULT_PALETTE, WorldConfig.DEFAULT_BACKGROUNDS, 1, 3,
                        Math.max(3, size / 8), Math.max(3, size / 4), 0.04);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("data: " + e.getMessage(), e);
            }
        }
    }

    private final World world;
    private long position;

    public WorldClips(Config config, long seed) {
        this.world = new World(config.world(), seed);
    }

    @Override
    public Tensor next(int batchSize) {
        List<Tensor> clips = new ArrayList<>(batchSize);
        for (int i = 0; i < batchSize; i++) {
            clips.add(world.video(position + i).segment(0).toTensor());
        }
        position += batchSize;
        return Tensor.stack(0, clips);
    }

    @Override
    public long position() {
        return position;
    }

    @Override
    public void seek(long position) {
        if (position < 0) {
            throw new IllegalArgumentException("WorldClips: a position is at least 0, got " + position);
        }
        this.position = position;
    }
}
