package video.vidicl.eval;

import tensor.MemoryScope;
import tensor.Tensor;
import video.data.Clip;
import video.metrics.Psnr;
import video.metrics.Ssim;

/**
 * How close one generated clip is to its ground-truth continuation: {@link Psnr} and {@link Ssim}
 * of {@code video.metrics} applied to a pair of host clips (values in {@code [0, 1]}). An exact
 * reproduction has infinite PSNR; it is capped at {@link #MAX_DB} here so that averages over
 * episodes stay finite.
 */
public final class Fidelity {
    public static final double MAX_DB = 100;

    private Fidelity() {}

    /** PSNR in dB, at most {@link #MAX_DB}. */
    public static double psnr(Clip generated, Clip truth) {
        try (MemoryScope scope = MemoryScope.open()) {
            return Math.min(MAX_DB, Psnr.of(batchOfOne(generated), batchOfOne(truth)));
        }
    }

    /** Whether frames of this size hold at least one SSIM window. */
    public static boolean ssimDefined(int height, int width) {
        return height >= Ssim.WINDOW && width >= Ssim.WINDOW;
    }

    /** Mean SSIM over frames and channels; frames must be at least 11×11. */
    public static double ssim(Clip x, Clip y) {
        try (MemoryScope scope = MemoryScope.open()) {
            return Ssim.of(batchOfOne(x), batchOfOne(y));
        }
    }

    /** The clip as a {@code [1, C, T, H, W]} tensor (the metrics read it back to the CPU). */
    private static Tensor batchOfOne(Clip clip) {
        return clip.toTensor().unsqueeze(0);
    }
}
