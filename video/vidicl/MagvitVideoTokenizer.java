package video.vidicl;

import autograd.Grad;
import tensor.DType;
import tensor.MemoryScope;
import tensor.ShapeException;
import tensor.Tensor;
import video.magvit.MagvitTokenizer;

/**
 * A trained {@link MagvitTokenizer} as the Vid-ICL transformer sees it: its LFQ codes
 * {@code [N, T', H', W']} with each latent frame's grid flattened in raster order, so a clip of
 * {@code T} frames of {@code height × width} becomes {@code latentFrames(T) · (H/s)·(W/s)} tokens of
 * a {@code 2^d} vocabulary ({@code s} the tokenizer's space factor, {@code d} its bits). Encoding
 * and decoding record no graph: the tokenizer is frozen here.
 */
public final class MagvitVideoTokenizer implements VideoTokenizer {
    private final MagvitTokenizer tokenizer;
    private final int rows;
    private final int cols;

    /** @param height, width the frame size the clips will have, both multiples of the space factor */
    public MagvitVideoTokenizer(MagvitTokenizer tokenizer, int height, int width) {
        int space = tokenizer.config().spaceFactor();
        if (height < 1 || width < 1 || height % space != 0 || width % space != 0) {
            throw new IllegalArgumentException("MagvitVideoTokenizer: the " + height + "×" + width
                    + " frame must be a whole number of the tokenizer's " + space + "×" + space + " cells");
        }
        this.tokenizer = tokenizer;
        this.rows = height / space;
        this.cols = width / space;
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
            Tensor codes = tokenizer.encode(clips).tokens();
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
            return scope.keep(tokenizer.decode(tokens.contiguous().reshape(tokens.dim(0), tokens.dim(1), rows, cols)));
        }
    }
}
