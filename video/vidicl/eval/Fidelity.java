package video.vidicl.eval;

import video.data.Clip;

/**
 * How close a generated clip is to the ground truth, values in {@code [0, 1]} (peak and dynamic
 * range 1), computed on host clips.
 * <ul>
 *   <li>PSNR: {@code 10 · log10(1 / MSE)} dB, MSE over channels, frames and pixels. An exact
 *       reproduction would score +∞; the MSE is floored at {@code 1e-10}, so it scores
 *       {@link #MAX_DB} and averages over episodes stay finite.</li>
 *   <li>SSIM (Wang, Bovik, Sheikh &amp; Simoncelli, IEEE TIP 2004): per frame and channel, local
 *       statistics under an 11×11 Gaussian window (σ 1.5, sum 1) at every "valid" position,
 *       {@code SSIM = (2μxμy + C1)(2σxy + C2) / ((μx² + μy² + C1)(σx² + σy² + C2))},
 *       {@code C1 = 0.01²}, {@code C2 = 0.03²}, averaged over positions, frames and channels.
 *       Needs frames of at least 11×11.</li>
 * </ul>
 */
public final class Fidelity {
    public static final double MAX_DB = 100;
    public static final int WINDOW = 11;
    private static final double[] GAUSS = gauss();
    private static final double C1 = 0.01 * 0.01;
    private static final double C2 = 0.03 * 0.03;

    private Fidelity() {}

    public static double psnr(Clip generated, Clip truth) {
        requireSameShape("psnr", generated, truth);
        double sum = 0;
        float[] a = generated.data();
        float[] b = truth.data();
        for (int i = 0; i < a.length; i++) {
            double d = a[i] - b[i];
            sum += d * d;
        }
        return 10 * Math.log10(1 / Math.max(sum / a.length, 1e-10));
    }

    /** Whether frames of this size hold at least one SSIM window. */
    public static boolean ssimDefined(int height, int width) {
        return height >= WINDOW && width >= WINDOW;
    }

    public static double ssim(Clip x, Clip y) {
        requireSameShape("ssim", x, y);
        if (!ssimDefined(x.height(), x.width())) {
            throw new IllegalArgumentException("ssim: frames must be at least " + WINDOW + "×" + WINDOW + ", got " + x);
        }
        double sum = 0;
        int count = 0;
        for (int c = 0; c < x.channels(); c++) {
            for (int t = 0; t < x.frames(); t++) {
                for (int top = 0; top + WINDOW <= x.height(); top++) {
                    for (int left = 0; left + WINDOW <= x.width(); left++) {
                        sum += windowSsim(x, y, c, t, top, left);
                        count++;
                    }
                }
            }
        }
        return sum / count;
    }

    private static double windowSsim(Clip x, Clip y, int c, int t, int top, int left) {
        double mx = 0, my = 0, xx = 0, yy = 0, xy = 0;
        for (int i = 0; i < WINDOW; i++) {
            for (int j = 0; j < WINDOW; j++) {
                double w = GAUSS[i] * GAUSS[j];
                double a = x.get(c, t, top + i, left + j);
                double b = y.get(c, t, top + i, left + j);
                mx += w * a;
                my += w * b;
                xx += w * a * a;
                yy += w * b * b;
                xy += w * a * b;
            }
        }
        double vx = xx - mx * mx, vy = yy - my * my, cxy = xy - mx * my;
        return (2 * mx * my + C1) * (2 * cxy + C2) / ((mx * mx + my * my + C1) * (vx + vy + C2));
    }

    /** The 1-D Gaussian, σ 1.5, summing to 1; the 2-D window is its outer product. */
    private static double[] gauss() {
        double[] g = new double[WINDOW];
        double total = 0;
        for (int i = 0; i < WINDOW; i++) {
            double u = i - WINDOW / 2;
            g[i] = Math.exp(-u * u / (2 * 1.5 * 1.5));
            total += g[i];
        }
        for (int i = 0; i < WINDOW; i++) {
            g[i] /= total;
        }
        return g;
    }

    private static void requireSameShape(String op, Clip a, Clip b) {
        if (a.channels() != b.channels() || a.frames() != b.frames() || a.height() != b.height() || a.width() != b.width()) {
            throw new IllegalArgumentException(op + ": " + a + " and " + b + " differ in shape");
        }
    }
}
