package video.data;

import java.util.Arrays;
import java.util.List;
import tensor.DType;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * A video held in host memory: {@code channels × frames × height × width} floats in row-major
 * {@code [C, T, H, W]} order (one clip of the {@code N, C, T, H, W} layout), values in {@code [0, 1]}
 * (map to {@code [−1, 1]} with {@code 2x − 1} where a model wants that).
 *
 * <p>Generators, readers and the loader's background thread work on clips, never on tensors, so no
 * device memory is touched off the training thread; {@link #toTensor()} uploads on the caller's
 * thread (and into its {@link tensor.MemoryScope}).
 */
public record Clip(int channels, int frames, int height, int width, float[] data) {

    public Clip {
        if (channels <= 0 || frames <= 0 || height <= 0 || width <= 0) {
            throw new ShapeException("Clip", "dimensions must be positive, got [" + channels + ", " + frames + ", "
                    + height + ", " + width + "]");
        }
        long n = (long) channels * frames * height * width;
        if (data.length != n) {
            throw new ShapeException("Clip", "data has " + data.length + " floats but [" + channels + ", " + frames
                    + ", " + height + ", " + width + "] needs " + n);
        }
    }

    /** A black clip. */
    public static Clip zeros(int channels, int frames, int height, int width) {
        return new Clip(channels, frames, height, width, new float[channels * frames * height * width]);
    }

    /** Reads a {@code [C, T, H, W]} tensor of any float dtype. */
    public static Clip of(Tensor t) {
        if (t.rank() != 4) {
            throw new ShapeException("Clip.of", "needs a [C, T, H, W] tensor, shape is " + t.shape());
        }
        return new Clip(t.dim(0), t.dim(1), t.dim(2), t.dim(3), t.to(DType.F32).toFloatArray());
    }

    /** An F32 tensor {@code [C, T, H, W]} on the current device. */
    public Tensor toTensor() {
        return Tensor.of(data, channels, frames, height, width);
    }

    /** Index of element {@code (c, t, y, x)} in {@link #data()}. */
    public int index(int c, int t, int y, int x) {
        return ((c * frames + t) * height + y) * width + x;
    }

    public float get(int c, int t, int y, int x) {
        return data[index(c, t, y, x)];
    }

    public int pixelsPerFrame() {
        return height * width;
    }

    /** Frames {@code [from, to)} as a new clip. */
    public Clip frames(int from, int to) {
        if (from < 0 || to > frames || from >= to) {
            throw new ShapeException("Clip.frames", "range [" + from + ", " + to + ") is outside 0.." + frames);
        }
        int n = to - from;
        float[] out = new float[channels * n * height * width];
        int plane = height * width;
        for (int c = 0; c < channels; c++) {
            System.arraycopy(data, (c * frames + from) * plane, out, c * n * plane, n * plane);
        }
        return new Clip(channels, n, height, width, out);
    }

    /** The clips one after another along time; all must share channels, height and width. */
    public static Clip concatFrames(List<Clip> parts) {
        if (parts.isEmpty()) {
            throw new ShapeException("Clip.concatFrames", "needs at least one clip");
        }
        Clip first = parts.get(0);
        int total = 0;
        for (Clip p : parts) {
            if (p.channels != first.channels || p.height != first.height || p.width != first.width) {
                throw new ShapeException("Clip.concatFrames", "clip [" + p.channels + ", " + p.frames + ", " + p.height
                        + ", " + p.width + "] does not match [" + first.channels + ", _, " + first.height + ", "
                        + first.width + "]");
            }
            total += p.frames;
        }
        int plane = first.height * first.width;
        float[] out = new float[first.channels * total * plane];
        for (int c = 0; c < first.channels; c++) {
            int t0 = 0;
            for (Clip p : parts) {
                System.arraycopy(p.data, c * p.frames * plane, out, (c * total + t0) * plane, p.frames * plane);
                t0 += p.frames;
            }
        }
        return new Clip(first.channels, total, first.height, first.width, out);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Clip c && c.channels == channels && c.frames == frames && c.height == height
                && c.width == width && Arrays.equals(c.data, data);
    }

    @Override
    public int hashCode() {
        return 31 * Arrays.hashCode(new int[] {channels, frames, height, width}) + Arrays.hashCode(data);
    }

    @Override
    public String toString() {
        return "Clip[" + channels + ", " + frames + ", " + height + ", " + width + "]";
    }
}
