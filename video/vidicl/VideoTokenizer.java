package video.vidicl;

import tensor.Tensor;

/**
 * What the Vid-ICL transformer needs from a video tokenizer: clips to discrete tokens and back.
 * Implemented by a trained MAGVIT-v2 tokenizer ({@link MagvitVideoTokenizer}) and, for tests and quick runs, by
 * {@link PatchColourTokenizer}.
 *
 * <h2>Layout</h2>
 * Clips are {@code [N, 3, T, H, W]} F32 in {@code [0, 1]}. Tokens are I32
 * {@code [N, T', tokensPerFrame]}: {@code T' = latentFrames(T)} latent frames one after another,
 * each frame's tokens in raster order (row by row of its token grid). Flattened per example, this
 * is exactly the sequence the transformer reads, with no separator between frames.
 */
public interface VideoTokenizer {

    /** The number of distinct tokens: ids lie in {@code [0, vocabulary)}. */
    int vocabulary();

    /** Tokens per latent frame (the token grid's height times its width). */
    int tokensPerFrame();

    /**
     * The latent frames a clip of {@code frames} frames encodes to: {@code frames} for a per-frame
     * tokenizer, {@code 1 + (frames − 1)/4} for a causal tokenizer that downsamples time by 4.
     */
    int latentFrames(int frames);

    /** Clips {@code [N, 3, T, H, W]} to tokens {@code [N, latentFrames(T), tokensPerFrame]}. */
    Tensor encode(Tensor clips);

    /** Tokens {@code [N, T', tokensPerFrame]} back to clips {@code [N, 3, T, H, W]}. */
    Tensor decode(Tensor tokens);
}
