package video.vidicl;

import autograd.Grad;
import tensor.DType;
import tensor.MemoryScope;
import tensor.Shape;
import tensor.ShapeException;
import tensor.Tensor;
import video.magvit.MagvitTokenizer;

/**
 * A trained {@link MagvitTokenizer} as the Vid-ICL transformer sees it: its LFQ codes
 * {@code [N, T', H', W']} with each latent frame's grid flattened in raster order, so a clip of
 * {@code T} frames of {@code height × width} becomes {@code latentFrames(T) · (H/s)·(W/s)} tokens of
 * a {@code 2^d} vocabulary ({@code s} the tokenizer's space factor, {@code d} its bits). Encoding
 * and decoding record no graph: the tokenizer is frozen here.
 *
 * <p><b>Frame by frame.</b> With {@code frameByFrame} each frame is encoded and decoded as an image
 * of its own ({@code T = 1}, which the causal tokenizer tokenizes exactly as the first frame of a
 * clip), so {@code T' = T}. The codes of a frame then depend on that frame alone: a still scene keeps
 * its codes, and codes away from a moving object stay put (58% of the codes of the shipped
 * tokenizer are unchanged between consecutive frames of object-motion clips, against 0.3% when the
 * clip is encoded as a video, where every causal convolution mixes in the frames before and the zero
 * padding in front of them).
 */
public final class MagvitVideoTokenizer implements VideoTokenizer {
    private final MagvitTokenizer tokenizer;
    private final int rows;
    private final int cols;
    private final boolean frameByFrame;

    /**
     * @param height, width the frame size the clips will have, both multiples of the space factor
     * @param frameByFrame  encode and decode each frame as an image of its own instead of each clip as a video
     */
    public MagvitVideoTokenizer(MagvitTokenizer tokenizer, int height, int width, boolean frameByFrame) {
        int space = tokenizer.config().spaceFactor();
        if (height < 1 || width < 1 || height % space != 0 || width % space != 0) {
            throw new IllegalArgumentException("MagvitVideoTokenizer: the " + height + "×" + width
                    + " frame must be a whole number of the tokenizer's " + space + "×" + space + " cells");
        }
        this.tokenizer = tokenizer;
        this.rows = height / space;
        this.cols = width / space;
        this.frameByFrame = frameByFrame;
    }

    @Override
    public int vocabulary() {
        return 1 << tokenizer.config().bits();
    }

    @Override
    public int tokensPerFrame() {
        return rows * cols;
    }

    @Override
    public int latentFrames(int frames) {
        if (frameByFrame) {
            if (frames < 1) {
                throw new IllegalArgumentException("MagvitVideoTokenizer: needs at least one frame, got " + frames);
            }
            return frames;
        }
        int time = tokenizer.config().timeFactor();
        if (frames < 1 || (frames - 1) % time != 0) {
            throw new IllegalArgumentException("MagvitVideoTokenizer: a causal tokenizer that shrinks time by " + time
                    + " takes 1 + " + time + "k frames, got " + frames);
        }
        return 1 + (frames - 1) / time;
    }

    @Override
    public Tensor encode(Tensor clips) {
        try (var off = Grad.noGrad(); MemoryScope scope = MemoryScope.open()) {
            Tensor codes = frameByFrame ? encodeFrames(clips) : tokenizer.encode(clips).tokens();
            if (codes.dim(2) != rows || codes.dim(3) != cols) {
                throw new ShapeException("MagvitVideoTokenizer.encode", "clips of " + clips.shape()
                        + " give a " + codes.dim(2) + "×" + codes.dim(3) + " token grid, this tokenizer was made for "
                        + rows + "×" + cols);
            }
            return scope.keep(codes.reshape(codes.dim(0), codes.dim(1), rows * cols).to(DType.I32));
        }
    }

    @Override
    public Tensor decode(Tensor tokens) {
        if (tokens.rank() != 3 || tokens.dim(2) != tokensPerFrame()) {
            throw new ShapeException("MagvitVideoTokenizer.decode", "tokens must be [N, T', " + tokensPerFrame()
                    + "], got " + tokens.shape());
        }
        try (var off = Grad.noGrad(); MemoryScope scope = MemoryScope.open()) {
            Tensor grid = tokens.contiguous().reshape(tokens.dim(0), tokens.dim(1), rows, cols);
            if (!frameByFrame) {
                return scope.keep(tokenizer.decode(grid));
            }
            int n = grid.dim(0);
            int frames = grid.dim(1);
            Tensor clips = tokenizer.decode(grid.reshape(n * frames, 1, rows, cols));   // [N·T, C, 1, H, W]
            Shape s = clips.shape();
            return scope.keep(clips.reshape(n, frames, s.dim(1), s.dim(3), s.dim(4)).permute(0, 2, 1, 3, 4).contiguous());
        }
    }

    /** The codes {@code [N, T, h, w]} of clips {@code [N, C, T, H, W]} encoded one frame at a time. */
    private Tensor encodeFrames(Tensor clips) {
        Shape s = clips.shape();
        int n = s.dim(0);
        int frames = s.dim(2);
        Tensor images = clips.permute(0, 2, 1, 3, 4).contiguous().reshape(n * frames, s.dim(1), 1, s.dim(3), s.dim(4));
        Tensor codes = tokenizer.encode(images).tokens();   // [N·T, 1, h, w]
        return codes.reshape(n, frames, codes.dim(2), codes.dim(3));
    }
}
