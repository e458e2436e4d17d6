package train.optim;

/**
 * The global gradient norm of a step and the factor that clipping to {@code maxNorm} applies:
 * {@code scale = min(1, maxNorm / (norm + 10⁻⁶))}, PyTorch's {@code clip_grad_norm_}. When the
 * norm is NaN or infinite there is no meaningful scale: {@link #scale()} is NaN and
 * {@link Optimizer#step(double)} refuses it, so a non-finite gradient never reaches a parameter.
 *
 * @param norm    {@code √(Σ g²)} over every gradient, before clipping
 * @param maxNorm the largest norm allowed
 * @param scale   what every gradient is multiplied by (1 when no clipping was needed)
 */
public record GradNorm(double norm, double maxNorm, double scale) {

    /** The clip factor for {@code norm} under {@code maxNorm}. */
    public static GradNorm of(double norm, double maxNorm) {
        double scale = Double.isFinite(norm) ? Math.min(1, maxNorm / (norm + 1e-6)) : Double.NaN;
        return new GradNorm(norm, maxNorm, scale);
    }

    /** Whether the norm is a number: false means a gradient held NaN or ±∞ (or overflowed when squared). */
    public boolean isFinite() {
        return Double.isFinite(norm);
    }

    /** Whether the gradients were scaled down. */
    public boolean clipped() {
        return scale < 1;
    }
}
