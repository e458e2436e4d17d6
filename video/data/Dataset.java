package video.data;

/**
 * A finite, random-access collection of clips. {@link #get} must be safe to call from the
 * loader's background thread and return the same clip for the same index every time, so that a
 * seeded loader's batches are reproducible.
 */
public interface Dataset {

    int size();

    /** Clip {@code index}, {@code 0 ≤ index < size()}, as {@code [C, T, H, W]} in {@code [0, 1]}. */
    Clip get(int index);
}
