package video.metrics;

import tensor.ConvSpec;
import tensor.DType;
import tensor.Devices;
import tensor.MemoryScope;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * Structural similarity (Wang, Bovik, Sheikh &amp; Simoncelli, "Image Quality Assessment: From Error
 * Visibility to Structural Similarity", IEEE TIP 2004) of videos {@code [N, C, T, H, W]} with values
 * in {@code [0, 1]} (dynamic range L = 1), the standard way: each frame of each channel separately,
 * with local statistics under an 11×11 Gaussian window {@code w} (σ = 1.5, normalised to sum 1):
 * <pre>
 *   μx = w ∗ x,   σx² = w ∗ x² − μx²,   σxy = w ∗ (x·y) − μx·μy    (same for y)
 *   SSIM(p) = (2μxμy + C1)(2σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2)),
 *   C1 = (0.01·L)², C2 = (0.03·L)²
 * </pre>
 * {@code ∗} is a "valid" correlation (no padding, as in the authors' MATLAB {@code ssim_index} and
 * {@code pytorch_msssim}), so the map of an {@code H×W} frame is {@code (H−10)×(W−10)}. A frame's SSIM
 * is the mean of its map; the result is the mean over frames, channels and clips (all frames have
 * the same number of positions, so this is also the mean of all maps). Frames must be at least
 * 11×11. Computed in F64 on the CPU backend (clips on a device are read back).
 */
public final class Ssim {
    public static final int WINDOW = 11;
    public static final double SIGMA = 1.5;
    public static final double K1 = 0.01;
    public static final double K2 = 0.03;

    private Ssim() {}

    /** The mean SSIM over every frame of every channel and clip. */
    public static double of(Tensor x, Tensor y) {
        Psnr.checkPair("Ssim", x, y);
        if (x.dim(3) < WINDOW || x.dim(4) < WINDOW) {
            throw new ShapeException("Ssim", "frames must be at least " + WINDOW + "×" + WINDOW + " (the Gaussian window), got "
                    + x.dim(3) + "×" + x.dim(4) + " in shape " + x.shape());
        }
        try (MemoryScope scope = MemoryScope.open()) {
            int[] d = x.shape().dims();
            // each (clip, channel) becomes a one-channel video, so one [1, 1, 1, 11, 11] kernel filters every frame
            Tensor a = x.to(Devices.cpu()).to(DType.F64).reshape(d[0] * d[1], 1, d[2], d[3], d[4]);
            Tensor b = y.to(Devices.cpu()).to(DType.F64).reshape(d[0] * d[1], 1, d[2], d[3], d[4]);
            Tensor w = window();
            Tensor muA = filter(a, w);
            Tensor muB = filter(b, w);
            Tensor varA = filter(a.square(), w).sub(muA.square());
            Tensor varB = filter(b.square(), w).sub(muB.square());
            Tensor cov = filter(a.mul(b), w).sub(muA.mul(muB));
            double c1 = K1 * K1;
            double c2 = K2 * K2;
            Tensor numerator = muA.mul(muB).mul(2).add(c1).mul(cov.mul(2).add(c2));
            Tensor denominator = muA.square().add(muB.square()).add(c1).mul(varA.add(varB).add(c2));
            return numerator.div(denominator).mean().item();
        }
    }

    /** The 11×11 Gaussian window, σ 1.5, summing to 1, as a conv3d weight {@code [1, 1, 1, 11, 11]} (F64, on the CPU backend, where the metric computes). */
    public static Tensor window() {
        double[] g = new double[WINDOW];
        double total = 0;
        for (int i = 0; i < WINDOW; i++) {
            double u = i - WINDOW / 2;
            g[i] = Math.exp(-u * u / (2 * SIGMA * SIGMA));
            total += g[i];
        }
        double[] w = new double[WINDOW * WINDOW];
        for (int i = 0; i < WINDOW; i++) {
            for (int j = 0; j < WINDOW; j++) {
                w[i * WINDOW + j] = g[i] * g[j] / (total * total);
            }
        }
        return Devices.on(Devices.cpu(), () -> Tensor.of(w, 1, 1, 1, WINDOW, WINDOW));
    }

    private static Tensor filter(Tensor v, Tensor w) {
        return Tensor.conv3d(v, w, null, ConvSpec.defaults());
    }
}
