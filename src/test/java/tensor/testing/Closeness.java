package tensor.testing;

import java.util.Arrays;
import java.util.List;
import tensor.DType;

/**
 * Compares outputs with expected values. Floating outputs pass when
 * {@code |got − want| ≤ tol·(1 + |want|)}, with {@code tol = base(dtype) · factor · L} where L is
 * the op's reduction length (rounding error of a sum grows with its number of terms); NaN must
 * meet NaN and infinities must match exactly. I32 outputs must be equal. With {@code relative}
 * the bound is {@code tol·|want|}: every value keeps its leading digits, down to the dtype's
 * smallest normal number (below it, values may flush to 0).
 */
public final class Closeness {
    /** Base tolerances: about 4500 ulp of a double, about 30 ulp of a float. */
    public static final double F64_BASE = 1e-12;
    public static final double F32_BASE = 4e-6;

    private Closeness() {}

    public static double tolerance(DType dtype, double factor, int reductionLength) {
        double base = dtype == DType.F64 ? F64_BASE : F32_BASE;
        return base * factor * Math.max(1, reductionLength);
    }

    /** Throws an AssertionError naming the output, the first bad element, and the counts. */
    public static void assertClose(List<NdArray> got, List<DType> gotTypes, List<NdArray> want, double tol,
                                   boolean relative) {
        if (got.size() != want.size()) {
            throw new AssertionError("expected " + want.size() + " outputs, got " + got.size());
        }
        for (int k = 0; k < got.size(); k++) {
            NdArray g = got.get(k);
            NdArray w = want.get(k);
            String which = got.size() > 1 ? "output " + k + ": " : "";
            if (!Arrays.equals(g.shape(), w.shape())) {
                throw new AssertionError(which + "shape " + Arrays.toString(g.shape()) + ", expected "
                        + Arrays.toString(w.shape()));
            }
            double t = gotTypes.get(k) == DType.I32 ? 0 : tol;
            double floor = !relative ? 0 : gotTypes.get(k) == DType.F32 ? Float.MIN_NORMAL : Double.MIN_NORMAL;
            int bad = 0;
            int first = -1;
            double worst = 0;
            for (int i = 0; i < g.numel(); i++) {
                double gv = g.data()[i];
                double wv = w.data()[i];
                if (!close(gv, wv, t, relative, floor)) {
                    if (first < 0) {
                        first = i;
                    }
                    bad++;
                    worst = Math.max(worst, Math.abs(gv - wv) / ((relative ? 0 : 1) + Math.abs(wv)));
                }
            }
            if (bad > 0) {
                throw new AssertionError(which + bad + " of " + g.numel() + " elements differ (tolerance " + t
                        + ", worst relative " + worst + "); first at " + Arrays.toString(g.unflat(first)) + ": got "
                        + g.data()[first] + ", expected " + w.data()[first]
                        + (g.numel() <= 24 ? "\n      got      " + g + "\n      expected " + w : ""));
            }
        }
    }

    static boolean close(double got, double want, double tol, boolean relative, double floor) {
        if (Double.isNaN(want) || Double.isNaN(got)) {
            return Double.isNaN(want) && Double.isNaN(got);
        }
        if (Double.isInfinite(want) || Double.isInfinite(got)) {
            return got == want;
        }
        return got == want || Math.abs(got - want) <= tol * ((relative ? 0 : 1) + Math.abs(want)) + floor;
    }
}
