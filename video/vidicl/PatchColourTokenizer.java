package video.vidicl;

import tensor.DType;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * The simplest exact video tokenizer: each frame is cut into {@code patch × patch} squares and each
 * square becomes one token, its mean colour quantised to {@code levels} values per channel:
 * <pre>
 *   q_c   = round(mean of channel c over the square · (levels − 1))          c ∈ {r, g, b}
 *   token = (q_r · levels + q_g) · levels + q_b                               vocabulary levels³
 *   decode: every pixel of the square gets q_c / (levels − 1)
 * </pre>
 * Decoding then encoding gives back the same tokens, so {@code decode} is an exact inverse on
 * clips whose squares are uniform with quantised colours. No learning, no time downsampling
 * ({@code T' = T}): a stand-in for the learned tokenizer in tests and quick runs of the pipeline.
 * Works on host arrays (reading the clips off any device), returning tensors on the current device.
 */
public final class PatchColourTokenizer implements VideoTokenizer {
    private static final int CHANNELS = 3;
    private final int height;
    private final int width;
    private final int patch;
    private final int levels;

    /**
     * @param height, width the frame size, both multiples of {@code patch}
     * @param levels        quantisation levels per channel, at least 2
     */
    public PatchColourTokenizer(int height, int width, int patch, int levels) {
        if (patch < 1 || height % patch != 0 || width % patch != 0 || height < 1 || width < 1) {
            throw new IllegalArgumentException("PatchColourTokenizer: the " + height + "×" + width
                    + " frame must split into whole " + patch + "×" + patch + " patches");
        }
        if (levels < 2 || levels > 1290) {
            throw new IllegalArgumentException("PatchColourTokenizer: levels must be in 2..1290 (levels³ must fit an int), got " + levels);
        }
        this.height = height;
        this.width = width;
        this.patch = patch;
        this.levels = levels;
    }

    @Override
    public int vocabulary() {
        return levels * levels * levels;
    }

    @Override
    public int tokensPerFrame() {
        return (height / patch) * (width / patch);
    }

    @Override
    public int latentFrames(int frames) {
        return frames;
    }

    @Override
    public Tensor encode(Tensor clips) {
        if (clips.rank() != 5 || clips.dim(1) != CHANNELS || clips.dim(3) != height || clips.dim(4) != width) {
            throw new ShapeException("PatchColourTokenizer.encode", "clips must be [N, 3, T, " + height + ", " + width
                    + "], got " + clips.shape());
        }
        int n = clips.dim(0);
        int frames = clips.dim(2);
        float[] pixels = clips.to(DType.F32).toFloatArray();
        int rows = height / patch;
        int cols = width / patch;
        int[] tokens = new int[n * frames * rows * cols];
        int i = 0;
        for (int b = 0; b < n; b++) {
            for (int t = 0; t < frames; t++) {
                for (int r = 0; r < rows; r++) {
                    for (int c = 0; c < cols; c++) {
                        int token = 0;
                        for (int ch = 0; ch < CHANNELS; ch++) {
                            double mean = patchMean(pixels, frames, b, ch, t, r, c);
                            int q = (int) Math.round(Math.min(1, Math.max(0, mean)) * (levels - 1));
                            token = token * levels + q;
                        }
                        tokens[i++] = token;
                    }
                }
            }
        }
        return Tensor.of(tokens, n, frames, rows * cols);
    }

    private double patchMean(float[] pixels, int frames, int b, int ch, int t, int r, int c) {
        double sum = 0;
        int plane = ((b * CHANNELS + ch) * frames + t) * height * width;
        for (int y = r * patch; y < (r + 1) * patch; y++) {
            for (int x = c * patch; x < (c + 1) * patch; x++) {
                sum += pixels[plane + y * width + x];
            }
        }
        return sum / (patch * patch);
    }

    @Override
    public Tensor decode(Tensor tokens) {
        int cols = width / patch;
        if (tokens.dtype() != DType.I32 || tokens.rank() != 3 || tokens.dim(2) != tokensPerFrame()) {
            throw new ShapeException("PatchColourTokenizer.decode", "tokens must be I32 [N, T, " + tokensPerFrame()
                    + "], got " + tokens.dtype() + " " + tokens.shape());
        }
        int n = tokens.dim(0);
        int frames = tokens.dim(1);
        int[] ids = tokens.toIntArray();
        float[] pixels = new float[n * CHANNELS * frames * height * width];
        for (int b = 0; b < n; b++) {
            for (int t = 0; t < frames; t++) {
                for (int k = 0; k < tokensPerFrame(); k++) {
                    int id = ids[(b * frames + t) * tokensPerFrame() + k];
                    if (id < 0 || id >= vocabulary()) {
                        throw new IllegalArgumentException("PatchColourTokenizer.decode: token " + id
                                + " is outside the vocabulary 0.." + (vocabulary() - 1));
                    }
                    for (int ch = CHANNELS - 1; ch >= 0; ch--) {
                        float value = (float) (id % levels) / (levels - 1);
                        id /= levels;
                        paint(pixels, frames, b, ch, t, k / cols, k % cols, value);
                    }
                }
            }
        }
        return Tensor.of(pixels, n, CHANNELS, frames, height, width);
    }

    private void paint(float[] pixels, int frames, int b, int ch, int t, int r, int c, float value) {
        int plane = ((b * CHANNELS + ch) * frames + t) * height * width;
        for (int y = r * patch; y < (r + 1) * patch; y++) {
            for (int x = c * patch; x < (c + 1) * patch; x++) {
                pixels[plane + y * width + x] = value;
            }
        }
    }
}
