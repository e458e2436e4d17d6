package tensor.cpu;

/**
 * The error function {@code erf(x) = 2/√π ∫₀ˣ e^(−t²) dt} and its complement
 * {@code erfc(x) = 1 − erf(x)} in double precision (about 1e-15 relative error; erfc stays accurate
 * deep into its tail, where {@code 1 − erf} would cancel to nothing).
 *
 * <p>W. J. Cody, "Rational Chebyshev approximations for the error function", Mathematics of
 * Computation 23 (1969), pp. 631–637, with the coefficients of his routine {@code CALERF} in
 * Netlib's SPECFUN package (https://www.netlib.org/specfun/erf). Three intervals of {@code y = |x|}:
 * <ul>
 *   <li>{@code y ≤ 0.46875}: {@code erf(x) = x · R₁(x²)};</li>
 *   <li>{@code 0.46875 < y ≤ 4}: {@code erfc(y) = e^(−y²) · R₂(y)};</li>
 *   <li>{@code y > 4}: {@code erfc(y) = e^(−y²)/y · (1/√π − y⁻² R₃(y⁻²))}, zero beyond 26.543;</li>
 * </ul>
 * where the {@code R} are rational functions. {@code e^(−y²)} is evaluated as
 * {@code e^(−ŷ²) · e^(−(y−ŷ)(y+ŷ))} with {@code ŷ} = y truncated to a multiple of 1/16, which avoids
 * the rounding error of forming {@code y²}. Negative arguments use {@code erf(−x) = −erf(x)} and
 * {@code erfc(−x) = 2 − erfc(x)}.
 */
public final class Erf {
    private static final double ONE_OVER_SQRT_PI = 5.6418958354775628695e-1;
    private static final double SMALL_INTERVAL = 0.46875;
    private static final double MIDDLE_INTERVAL = 4.0;
    /** Beyond this, erfc(y) underflows to zero in double. */
    private static final double ERFC_UNDERFLOW = 26.543;
    /** Below this, x² no longer matters to erf's first interval. */
    private static final double TINY = 1.11e-16;

    private static final double[] A = {3.16112374387056560e00, 1.13864154151050156e02,
            3.77485237685302021e02, 3.20937758913846947e03, 1.85777706184603153e-1};
    private static final double[] B = {2.36012909523441209e01, 2.44024637934444173e02,
            1.28261652607737228e03, 2.84423683343917062e03};
    private static final double[] C = {5.64188496988670089e-1, 8.88314979438837594e00,
            6.61191906371416295e01, 2.98635138197400131e02, 8.81952221241769090e02,
            1.71204761263407058e03, 2.05107837782607147e03, 1.23033935479799725e03,
            2.15311535474403846e-8};
    private static final double[] D = {1.57449261107098347e01, 1.17693950891312499e02,
            5.37181101862009858e02, 1.62138957456669019e03, 3.29079923573345963e03,
            4.36261909014324716e03, 3.43936767414372164e03, 1.23033935480374942e03};
    private static final double[] P = {3.05326634961232344e-1, 3.60344899949804439e-1,
            1.25781726111229246e-1, 1.60837851487422766e-2, 6.58749161529837803e-4,
            1.63153871373020978e-2};
    private static final double[] Q = {2.56852019228982242e00, 1.87295284992346047e00,
            5.27905102951428412e-1, 6.05183413124413191e-2, 2.33520497626869185e-3};

    private Erf() {}

    public static double erf(double x) {
        double y = Math.abs(x);
        if (!(y > SMALL_INTERVAL)) { // also NaN
            return x * smallRatio(y);
        }
        double tail = erfcPositive(y);
        return x < 0 ? tail - 1 : 1 - tail;
    }

    public static double erfc(double x) {
        double y = Math.abs(x);
        if (!(y > SMALL_INTERVAL)) {
            return 1 - x * smallRatio(y);
        }
        double tail = erfcPositive(y);
        return x < 0 ? 2 - tail : tail;
    }

    /** {@code erf(y)/y} for {@code |y| ≤ 0.46875}. */
    private static double smallRatio(double y) {
        double ysq = y > TINY ? y * y : 0;
        double num = A[4] * ysq;
        double den = ysq;
        for (int i = 0; i < 3; i++) {
            num = (num + A[i]) * ysq;
            den = (den + B[i]) * ysq;
        }
        return (num + A[3]) / (den + B[3]);
    }

    /** {@code erfc(y)} for {@code y > 0.46875}. */
    private static double erfcPositive(double y) {
        double scaled; // erfc(y) · e^(y²)
        if (y <= MIDDLE_INTERVAL) {
            double num = C[8] * y;
            double den = y;
            for (int i = 0; i < 7; i++) {
                num = (num + C[i]) * y;
                den = (den + D[i]) * y;
            }
            scaled = (num + C[7]) / (den + D[7]);
        } else if (y < ERFC_UNDERFLOW) {
            double ysq = 1 / (y * y);
            double num = P[5] * ysq;
            double den = ysq;
            for (int i = 0; i < 4; i++) {
                num = (num + P[i]) * ysq;
                den = (den + Q[i]) * ysq;
            }
            scaled = (ONE_OVER_SQRT_PI - ysq * (num + P[4]) / (den + Q[4])) / y;
        } else {
            return 0;
        }
        double truncated = Math.floor(y * 16) / 16;
        double del = (y - truncated) * (y + truncated);
        return Math.exp(-truncated * truncated) * Math.exp(-del) * scaled;
    }
}
