package train.models;

import java.util.List;
import tensor.Tensor;
import train.BatchSource;
import video.data.DataLoader;
import video.data.LoaderPosition;
import video.data.MotionFamily;
import video.data.ShapeKind;
import video.data.Spawn;
import video.data.World;
import video.data.WorldConfig;
import video.data.WorldDataset;

/**
 * Clips of the in-context world ({@link World}) as the training loop draws them: the first
 * {@code clips} one-segment videos of the world, {@code [3, frames, size, size]} in {@code [0, 1]},
 * served by a {@link DataLoader} (a shuffle per epoch seeded by the world's seed, batches stacked to
 * {@code [N, 3, frames, size, size]} and prefetched on a background thread).
 *
 * <p>The {@link #position()} is the number of examples drawn so far, {@code n}; with
 * {@code E = floor(clips / N)·N} examples per epoch it stands for the loader position
 * {@code (epoch n / E, index n mod E)}. {@link #seek} stops the loader; the next batch starts a
 * new one there, which serves exactly what the old one would have served.
 */
public final class WorldClips implements BatchSource {
    private static final int PREFETCH = 2;

    /**
     * @param size   side of the square frames
     * @param frames frames per clip
     * @param clips  clips in the dataset (each epoch visits them all in a new order)
     */
    public record Config(int size, int frames, int clips) {
        public static final int DEFAULT_CLIPS = 1024;
        public static final Config DEFAULTS = new Config(16, 4, DEFAULT_CLIPS);

        public Config {
            if (size < 8 || size % 2 != 0) {
                throw new IllegalArgumentException("data.size must be even and at least 8, got " + size);
            }
            if (clips < 1) {
                throw new IllegalArgumentException("data.clips must be at least 1, got " + clips);
            }
            world(size, frames); // the world checks that objects stay in view for all frames
        }

        /** {@link #DEFAULT_CLIPS} clips of {@code size²} pixels and {@code frames} frames. */
        public Config(int size, int frames) {
            this(size, frames, DEFAULT_CLIPS);
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
                        Math.max(3, size / 8), Math.max(3, size / 4), 0.04, Spawn.FOR_RULE);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("data: " + e.getMessage(), e);
            }
        }
    }

    private final WorldDataset dataset;
    private final long seed;
    private DataLoader loader;
    private long position;

    public WorldClips(Config config, long seed) {
        this.dataset = new WorldDataset(new World(config.world(), seed), config.clips());
        this.seed = seed;
    }

    @Override
    public Tensor next(int batchSize) {
        if (batchSize > dataset.size()) {
            throw new IllegalArgumentException("WorldClips: data.clips is " + dataset.size()
                    + " but a batch takes " + batchSize + " clips: raise data.clips or lower batch_size");
        }
        if (loader == null || loader.batchSize() != batchSize) {
            close();
            long perEpoch = (long) (dataset.size() / batchSize) * batchSize;
            if (position % batchSize != 0) {
                throw new IllegalArgumentException("WorldClips: position " + position
                        + " is not a multiple of the batch size " + batchSize);
            }
            loader = new DataLoader(dataset, batchSize, seed, PREFETCH,
                    new LoaderPosition(Math.toIntExact(position / perEpoch), (int) (position % perEpoch)));
        }
        Tensor batch = loader.next().videos();
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
            throw new IllegalArgumentException("WorldClips: a position is at least 0, got " + position);
        }
        close();
        this.position = position;
    }

    /** Stops the loader's background thread (the next batch starts a new one). */
    @Override
    public void close() {
        if (loader != null) {
            loader.close();
            loader = null;
        }
    }
}
