package tensor;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.distribution.NormalDistribution;
import org.apache.commons.math3.distribution.UniformRealDistribution;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.apache.commons.math3.stat.inference.KolmogorovSmirnovTest;
import org.junit.jupiter.api.Test;

/**
 * The distributions of Philox draws, with fixed seeds (so each test is deterministic): uniform
 * F32 and F64 against U(0, 1) and normal F32 and F64 against N(0, 1) by Kolmogorov–Smirnov, a
 * chi-square test of uniform buckets, independence of streams, and the {@code Tensor.rand} /
 * {@code randn} front ends advancing their generator as {@link Generator#reserve} says.
 *
 * <p>Each test draws one sample of 100 000 values and rejects at p &lt; 0.001: a correct generator
 * fails a given seed with probability 0.001, and these seeds are known to pass.
 */
class RandomDistributionTest {
    private static final int N = 100_000;
    private static final double ALPHA = 1e-3;

    private final KolmogorovSmirnovTest ks = new KolmogorovSmirnovTest();

    private static double[] widen(float[] f) {
        double[] d = new double[f.length];
        for (int i = 0; i < f.length; i++) {
            d[i] = f[i];
        }
        return d;
    }

    @Test
    void uniformF32IsUniformOnTheUnitInterval() {
        double[] x = widen(PhiloxTest.drawF32(N, 12345, 0, 0, false));
        assertTrue(ks.kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), x) > ALPHA);
        for (double v : x) {
            assertTrue(v >= 0 && v < 1, "value " + v + " outside [0, 1)");
        }
    }

    @Test
    void uniformF64IsUniformOnTheUnitInterval() {
        double[] x = PhiloxTest.drawF64(N, 777, 3, 1 << 20, false);
        assertTrue(ks.kolmogorovSmirnovTest(new UniformRealDistribution(0, 1), x) > ALPHA);
        for (double v : x) {
            assertTrue(v >= 0 && v < 1, "value " + v + " outside [0, 1)");
        }
    }

    @Test
    void normalF32IsStandardNormal() {
        double[] x = widen(PhiloxTest.drawF32(N, 2024, 0, 0, true));
        assertTrue(ks.kolmogorovSmirnovTest(new NormalDistribution(0, 1), x) > ALPHA);
    }

    @Test
    void normalF64IsStandardNormalInBothElementsOfEachPair() {
        double[] x = PhiloxTest.drawF64(2 * N, 99, 1, 0, true);
        double[] cosines = new double[N];
        double[] sines = new double[N];
        for (int i = 0; i < N; i++) {
            cosines[i] = x[2 * i];
            sines[i] = x[2 * i + 1];
        }
        assertTrue(ks.kolmogorovSmirnovTest(new NormalDistribution(0, 1), cosines) > ALPHA, "even (cosine) elements");
        assertTrue(ks.kolmogorovSmirnovTest(new NormalDistribution(0, 1), sines) > ALPHA, "odd (sine) elements");
    }

    @Test
    void uniformBucketsPassChiSquare() {
        int buckets = 64;
        long[] observed = new long[buckets];
        for (float v : PhiloxTest.drawF32(N, 31337, 0, 0, false)) {
            observed[(int) (v * buckets)]++;
        }
        double[] expected = new double[buckets];
        java.util.Arrays.fill(expected, (double) N / buckets);
        assertTrue(new ChiSquareTest().chiSquareTest(expected, observed) > ALPHA);
    }

    @Test
    void neighbouringStreamsAndSeedsAreUncorrelated() {
        double[] a = PhiloxTest.drawF64(N, 5, 0, 0, false);
        double[] otherStream = PhiloxTest.drawF64(N, 5, 1, 0, false);
        double[] otherSeed = PhiloxTest.drawF64(N, 6, 0, 0, false);
        // The correlation of independent uniforms has standard deviation 1/sqrt(N) ≈ 0.003.
        assertEquals(0, correlation(a, otherStream), 0.015);
        assertEquals(0, correlation(a, otherSeed), 0.015);
        // and a two-sample KS test cannot tell them apart
        assertTrue(ks.kolmogorovSmirnovTest(a, otherStream) > ALPHA);
    }

    @Test
    void tensorRandAdvancesItsGeneratorAndMatchesTheBackendFill() {
        Generator g = new Generator(8, 2, 10);
        Tensor first = Tensor.rand(g, DType.F32, 3, 5);
        assertEquals(10 + 4, g.counter(), "15 elements take ceil(15 / 4) = 4 blocks");
        Tensor second = Tensor.randn(g, DType.F64, 6);
        assertEquals(14 + 2, g.counter());
        assertArrayEquals(PhiloxTest.drawF32(15, 8, 2, 10, false), first.toFloatArray());
        assertArrayEquals(PhiloxTest.drawF64(6, 8, 2, 14, true), second.toDoubleArray());
        Generator restored = new Generator(8, 2, 10);
        assertArrayEquals(first.toFloatArray(), Tensor.rand(restored, DType.F32, 3, 5).toFloatArray(),
                "a generator restored at the same (seed, stream, counter) draws the same bits");
    }

    private static double correlation(double[] x, double[] y) {
        double mx = 0, my = 0;
        for (int i = 0; i < x.length; i++) {
            mx += x[i];
            my += y[i];
        }
        mx /= x.length;
        my /= y.length;
        double sxy = 0, sxx = 0, syy = 0;
        for (int i = 0; i < x.length; i++) {
            sxy += (x[i] - mx) * (y[i] - my);
            sxx += (x[i] - mx) * (x[i] - mx);
            syy += (y[i] - my) * (y[i] - my);
        }
        return sxy / Math.sqrt(sxx * syy);
    }
}
