package video.metrics;

import tensor.DType;
import tensor.Devices;
import tensor.MemoryScope;
import tensor.ShapeException;
import tensor.Tensor;

/**
 * Peak signal-to-noise ratio of videos {@code [N, C, T, H, W]} with values in {@code [0, 1]} (peak 1):
 * <pre>
 *   MSE_n  = mean_{c,t,h,w} (x[n] − y[n])²
 *   PSNR_n = 10 · log10(1 / MSE_n)            (dB; +∞ for identical clips)
 *   PSNR   = mean_n PSNR_n
 * </pre>
 * Clips are scored one by one and then averaged (not the PSNR of the batch's pooled MSE), as
 * video-generation papers report it. Computed in F64 on the CPU backend.
 */
public final class Psnr {
    private Psnr() {}

    /** The mean over clips of {@code 10·log10(1/MSE)}; {@code +∞} when some clip is reproduced exactly. */
    public static double of(Tensor x, Tensor y) {
        double[] mse = perClipMse(x, y);
        double sum = 0;
        for (double m : mse) {
            sum += 10 * Math.log10(1 / m);
        }
        return sum / mse.length;
    }

    /** {@code MSE_n} for each clip. */
    static double[] perClipMse(Tensor x, Tensor y) {
        checkPair("Psnr", x, y);
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor a = x.to(Devices.cpu()).to(DType.F64);
            Tensor b = y.to(Devices.cpu()).to(DType.F64);
            return a.sub(b).square().mean(1, 2, 3, 4).toDoubleArray();
        }
    }

    /** Both are {@code [N, C, T, H, W]} of the same shape. */
    static void checkPair(String op, Tensor x, Tensor y) {
        if (x.rank() != 5 || !x.shape().equals(y.shape())) {
            throw new ShapeException(op, "needs two clips [N, C, T, H, W] of the same shape, got " + x.shape()
                    + " and " + y.shape());
        }
    }
}
