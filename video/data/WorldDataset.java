package video.data;

/** The first {@code size} videos of an in-context {@link World}, each a {@code [3, S·T, H, W]} clip. */
public record WorldDataset(World world, int size) implements Dataset {

    public WorldDataset {
        if (size <= 0) {
            throw new IllegalArgumentException("WorldDataset size must be positive, got " + size);
        }
    }

    @Override
    public Clip get(int index) {
        if (index < 0 || index >= size) {
            throw new IndexOutOfBoundsException("WorldDataset: index " + index + " outside 0.." + (size - 1));
        }
        return world.video(index).clip();
    }
}
