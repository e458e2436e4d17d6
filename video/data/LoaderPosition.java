package video.data;

/**
 * Where a {@link DataLoader} stands: the epoch and the offset into that epoch's shuffled order of
 * the next sample to be served. Stored in a checkpoint, it lets a resumed run draw exactly the
 * batches an unbroken run would have drawn.
 */
public record LoaderPosition(int epoch, int index) {

    public static final LoaderPosition START = new LoaderPosition(0, 0);

    public LoaderPosition {
        if (epoch < 0 || index < 0) {
            throw new IllegalArgumentException("LoaderPosition must be non-negative, got (" + epoch + ", " + index + ")");
        }
    }

    /** The position after one batch of {@code batchSize}, rolling into the next epoch after {@code batchesPerEpoch}. */
    LoaderPosition next(int batchSize, int batchesPerEpoch) {
        int nextIndex = index + batchSize;
        return nextIndex >= batchesPerEpoch * batchSize ? new LoaderPosition(epoch + 1, 0)
                : new LoaderPosition(epoch, nextIndex);
    }
}
