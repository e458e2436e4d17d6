package nn.attention;

import autograd.Variable;
import tensor.ShapeException;

/**
 * The {@code T × H × W} grid of tokens of a video (an image is {@code T = 1}). Video attention
 * layers take tokens channels-last, {@code [N, T, H, W, C]}, and flatten them in raster order
 * ({@code p = (t·H + h)·W + w}) to the sequence {@code [N, T·H·W, C]} that {@link MultiHeadAttention} reads.
 */
public record VideoGrid(int t, int h, int w) {
    public VideoGrid {
        if (t <= 0 || h <= 0 || w <= 0) {
            throw new IllegalArgumentException("a video grid needs positive sizes, got " + t + "×" + h + "×" + w);
        }
    }

    /** The grid of {@code x [N, T, H, W, C]}. */
    public static VideoGrid of(Variable x, String op) {
        if (x.shape().rank() != 5) {
            throw new ShapeException(op, "expects channels-last video tokens [N, T, H, W, C], got " + x.shape());
        }
        return new VideoGrid(x.shape().dim(1), x.shape().dim(2), x.shape().dim(3));
    }

    public int size() {
        return t * h * w;
    }

    public int dim(int axis) {
        return switch (axis) {
            case 0 -> t;
            case 1 -> h;
            case 2 -> w;
            default -> throw new IllegalArgumentException("a video grid has axes 0 (T), 1 (H), 2 (W), not " + axis);
        };
    }

    /** The raster index of {@code (t, h, w)}. */
    public int index(int ti, int hi, int wi) {
        return (ti * h + hi) * w + wi;
    }

    /** {@code [N, T, H, W, C]} → {@code [N, T·H·W, C]}. */
    static Variable flatten(Variable x) {
        int[] d = x.shape().dims();
        return x.reshape(d[0], d[1] * d[2] * d[3], d[4]);
    }

    /** {@code [N, T·H·W, C]} → {@code [N, T, H, W, C]}. */
    Variable unflatten(Variable x) {
        return x.reshape(x.shape().dim(0), t, h, w, x.shape().dim(2));
    }

    /** {@code [N, heads, T·H·W, d]} → {@code [N, heads, T, H, W, d]}. */
    Variable split(Variable heads) {
        int[] d = heads.shape().dims();
        return heads.reshape(d[0], d[1], t, h, w, d[3]);
    }
}
