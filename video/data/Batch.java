package video.data;

import tensor.Tensor;

/**
 * One batch from a {@link DataLoader}: the clips stacked as {@code [N, C, T, H, W]} F32, the dataset
 * indices they came from, and the loader position this batch was drawn at. Closing it frees the
 * tensor.
 */
public record Batch(Tensor videos, int[] indices, LoaderPosition position) implements AutoCloseable {

    @Override
    public void close() {
        videos.close();
    }
}
