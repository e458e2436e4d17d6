package nn.attention;

import autograd.Variable;
import nn.Module;
import tensor.Generator;
import tensor.ShapeException;

/**
 * Window attention of W.A.L.T. (Gupta et al., "Photorealistic Video Generation with Diffusion
 * Models", 2023): self-attention restricted to non-overlapping windows of the {@code T × H × W}
 * token grid. The transformer alternates two kinds of layer:
 * <ul>
 *   <li><b>spatial</b>: windows of {@code 1 × H × W}, each frame attends within itself;</li>
 *   <li><b>spatiotemporal</b>: windows of {@code T′ × h′ × w′}, e.g. the whole clip by a quarter
 *       of the frame.</li>
 * </ul>
 * A window size of 0 on an axis means the whole axis. Each window size must divide its axis.
 *
 * <h2>Images in the spatiotemporal layer: the identity mask</h2>
 * An image is a clip of {@code T = 1}. So that images and videos train the same weights, an image
 * passes the spatiotemporal layer through an <em>identity attention mask</em>: token {@code i} may
 * attend only to itself. Its softmax is then over one key, weight exactly 1, so the attention
 * output is the token's own value and the layer computes {@code o_proj(v_proj(x))} per token, with
 * no mixing between tokens. That is what {@link #forward} computes for {@code T = 1} in a
 * spatiotemporal layer (without building the {@code h′w′ × h′w′} scores); the spatial layers are
 * unchanged. A batch is either all images or all clips (one grid per tensor).
 */
public final class WindowAttention extends Module {
    public final MultiHeadAttention attn;
    private final Window window;
    private final boolean spatiotemporal;

    /** A window size per axis; 0 means the whole axis. */
    public record Window(int t, int h, int w) {
        public Window {
            if (t < 0 || h < 0 || w < 0) {
                throw new IllegalArgumentException("window sizes must be ≥ 0 (0 = whole axis), got " + t + "×" + h + "×" + w);
            }
        }

        /** The concrete window on {@code grid}: whole axes filled in, divisibility checked. */
        VideoGrid on(VideoGrid grid) {
            int[] size = {t == 0 ? grid.t() : t, h == 0 ? grid.h() : h, w == 0 ? grid.w() : w};
            String[] names = {"T", "H", "W"};
            for (int a = 0; a < 3; a++) {
                if (grid.dim(a) % size[a] != 0) {
                    throw new ShapeException("WindowAttention", "window " + size[0] + "×" + size[1] + "×" + size[2]
                            + " does not tile the grid " + grid.t() + "×" + grid.h() + "×" + grid.w() + " on axis "
                            + names[a] + " (" + size[a] + " does not divide " + grid.dim(a) + ")");
                }
            }
            return new VideoGrid(size[0], size[1], size[2]);
        }
    }

    /** The spatial layer: windows {@code 1 × H × W}. */
    public static WindowAttention spatial(MultiHeadAttention.Config config, Generator init) {
        return new WindowAttention(config, new Window(1, 0, 0), false, init);
    }

    /** The spatiotemporal layer: windows {@code T′ × h′ × w′} (0 = whole axis); images get the identity mask. */
    public static WindowAttention spatiotemporal(MultiHeadAttention.Config config, Window window, Generator init) {
        return new WindowAttention(config, window, true, init);
    }

    private WindowAttention(MultiHeadAttention.Config config, Window window, boolean spatiotemporal, Generator init) {
        this.attn = child("attn", new MultiHeadAttention(config, init));
        this.window = window;
        this.spatiotemporal = spatiotemporal;
    }

    /** {@code x [N, T, H, W, C]} → {@code [N, T, H, W, C]}. */
    public Variable forward(Variable x) {
        VideoGrid grid = VideoGrid.of(x, "WindowAttention");
        AttentionPattern pattern = spatiotemporal && grid.t() == 1 ? IDENTITY : windows(grid, window.on(grid));
        return grid.unflatten(attn.forward(VideoGrid.flatten(x), pattern));
    }

    /** Each query attends only to the key at its own position: the output is {@code v}. */
    static final AttentionPattern IDENTITY = (q, k, v, dropout) -> v;

    /**
     * The pattern "attend within windows of {@code size}": heads {@code [N, heads, T·H·W, d]} are
     * cut into {@code [N, heads, windows, t′·h′·w′, d]} (windows in raster order, tokens in raster
     * order inside each), attended densely, and put back.
     */
    public static AttentionPattern windows(VideoGrid grid, VideoGrid size) {
        int nt = grid.t() / size.t();
        int nh = grid.h() / size.h();
        int nw = grid.w() / size.w();
        int[] toWindows = {0, 1, 2, 4, 6, 3, 5, 7, 8};
        int[] back = {0, 1, 2, 5, 3, 6, 4, 7, 8};
        return (q, k, v, dropout) -> {
            Variable out = ScaledDotProductAttention.attend(partition(q, nt, nh, nw, size, toWindows),
                    partition(k, nt, nh, nw, size, toWindows), partition(v, nt, nh, nw, size, toWindows),
                    null, false, dropout);
            int[] d = q.shape().dims();
            int dv = out.shape().dim(-1);
            return out.reshape(d[0], d[1], nt, nh, nw, size.t(), size.h(), size.w(), dv)
                    .permute(back).reshape(d[0], d[1], d[2], dv);
        };
    }

    private static Variable partition(Variable x, int nt, int nh, int nw, VideoGrid size, int[] order) {
        int[] d = x.shape().dims();
        return x.reshape(d[0], d[1], nt, size.t(), nh, size.h(), nw, size.w(), d[3])
                .permute(order).reshape(d[0], d[1], nt * nh * nw, size.size(), d[3]);
    }
}
