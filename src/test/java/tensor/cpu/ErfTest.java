package tensor.cpu;

import static org.junit.jupiter.api.Assertions.*;

import java.math.BigDecimal;
import java.math.MathContext;
import org.junit.jupiter.api.Test;

class ErfTest {
    private static final MathContext MC = new MathContext(90);
    private static final BigDecimal PI = new BigDecimal(
            "3.14159265358979323846264338327950288419716939937510582097494459230781640628620899862803482534211706798");
    private static final BigDecimal TWO_OVER_SQRT_PI = BigDecimal.valueOf(2).divide(PI.sqrt(MC), MC);

    /** erf by its Maclaurin series 2/√π Σ (−1)ⁿ x^(2n+1) / (n! (2n+1)) in 90-digit arithmetic. */
    private static BigDecimal erfSeries(double x) {
        BigDecimal bx = new BigDecimal(x);
        BigDecimal x2 = bx.multiply(bx, MC);
        BigDecimal power = bx; // x^(2n+1) / n!
        BigDecimal sum = BigDecimal.ZERO;
        BigDecimal tiny = new BigDecimal("1e-60");
        for (int n = 0; ; n++) {
            if (n > 0) {
                power = power.multiply(x2, MC).divide(BigDecimal.valueOf(n), MC).negate();
            }
            BigDecimal term = power.divide(BigDecimal.valueOf(2L * n + 1), MC);
            sum = sum.add(term, MC);
            if (n > 10 && term.abs().compareTo(tiny) < 0) {
                return sum.multiply(TWO_OVER_SQRT_PI, MC);
            }
        }
    }

    @Test
    void erfAndErfcMatchTheSeriesToDoublePrecision() {
        for (double x = -6; x <= 6; x += 0.0371) {
            check(x);
        }
        for (double x : new double[] {0.46875, Math.nextUp(0.46875), 4, Math.nextUp(4.0), -4, 1e-10, 1e-300}) {
            check(x);
        }
    }

    private static void check(double x) {
        BigDecimal exact = erfSeries(x);
        double erf = exact.doubleValue();
        double erfc = BigDecimal.ONE.subtract(exact, MC).doubleValue();
        assertEquals(erf, Erf.erf(x), 2e-15 * Math.abs(erf) + 1e-320, "erf(" + x + ")");
        assertEquals(erfc, Erf.erfc(x), 1e-14 * erfc, "erfc(" + x + ")");
    }

    @Test
    void limitsAndSpecialValues() {
        assertEquals(1.0, Erf.erf(30));
        assertEquals(-1.0, Erf.erf(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Erf.erfc(27));
        assertEquals(2.0, Erf.erfc(Double.NEGATIVE_INFINITY));
        assertEquals(0.0, Erf.erfc(Double.POSITIVE_INFINITY));
        assertTrue(Double.isNaN(Erf.erf(Double.NaN)));
        assertTrue(Double.isNaN(Erf.erfc(Double.NaN)));
        assertEquals(Double.doubleToLongBits(-0.0), Double.doubleToLongBits(Erf.erf(-0.0)));
        // erfc(10) = 2.088487583762544757e-45 (mpmath); erfc(26) = 5.663192408856142e-296
        assertEquals(2.088487583762544757e-45, Erf.erfc(10), 1e-14 * 2.09e-45);
        assertEquals(5.663192408856142e-296, Erf.erfc(26), 1e-13 * 5.67e-296);
    }
}
