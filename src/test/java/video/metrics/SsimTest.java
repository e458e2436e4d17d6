package video.metrics;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.ShapeException;
import tensor.Tensor;

class SsimTest {
    @Test
    void identicalClipsScoreOne() {
        Tensor x = random(new Random(1), 2, 3, 2, 16, 16);
        assertEquals(1.0, Ssim.of(x, x), 1e-9);
    }

    @Test
    void aDegradedPairMatchesTheFormulaComputedDirectly() {
        Random r = new Random(2);
        Tensor x = random(r, 2, 3, 2, 14, 13);
        Tensor noise = random(r, 2, 3, 2, 14, 13);
        Tensor y = x.mul(0.7).add(noise.mul(0.2)).add(0.05);   // contrast loss, noise and a shift
        double got = Ssim.of(x, y);
        assertEquals(direct(x, y), got, 1e-9);
        assertTrue(got > 0 && got < 1, "a degraded copy scores between 0 and 1: " + got);
    }

    @Test
    void framesSmallerThanTheWindowAreRejected() {
        ShapeException e = assertThrows(ShapeException.class, () -> Ssim.of(Tensor.zeros(1, 3, 1, 10, 16), Tensor.zeros(1, 3, 1, 10, 16)));
        assertTrue(e.getMessage().contains("11×11"), e.getMessage());
    }

    @Test
    void theWindowIsTheNormalisedGaussian() {
        double[] w = Ssim.window().toDoubleArray();
        double sum = 0;
        for (double v : w) {
            sum += v;
        }
        assertEquals(1.0, sum, 1e-12);
        // centre over a neighbour one pixel away is exp(1 / (2σ²))
        assertEquals(Math.exp(1 / (2 * 1.5 * 1.5)), w[5 * 11 + 5] / w[5 * 11 + 6], 1e-12);
    }

    /** Wang et al.'s formula by plain loops: every 11×11 valid window of every frame, Gaussian-weighted statistics. */
    private static double direct(Tensor xt, Tensor yt) {
        int[] d = xt.shape().dims();
        double[] x = xt.toDoubleArray();
        double[] y = yt.toDoubleArray();
        double[][] g = new double[11][11];
        double total = 0;
        for (int i = 0; i < 11; i++) {
            for (int j = 0; j < 11; j++) {
                g[i][j] = Math.exp(-((i - 5) * (i - 5) + (j - 5) * (j - 5)) / (2 * 1.5 * 1.5));
                total += g[i][j];
            }
        }
        double c1 = 0.01 * 0.01, c2 = 0.03 * 0.03;
        double sum = 0;
        int count = 0;
        int h = d[3], w = d[4];
        for (int frame = 0; frame < d[0] * d[1] * d[2]; frame++) {
            int base = frame * h * w;
            for (int p = 0; p + 11 <= h; p++) {
                for (int q = 0; q + 11 <= w; q++) {
                    double mx = 0, my = 0, sxx = 0, syy = 0, sxy = 0;
                    for (int i = 0; i < 11; i++) {
                        for (int j = 0; j < 11; j++) {
                            double wt = g[i][j] / total;
                            double a = x[base + (p + i) * w + q + j];
                            double b = y[base + (p + i) * w + q + j];
                            mx += wt * a;
                            my += wt * b;
                            sxx += wt * a * a;
                            syy += wt * b * b;
                            sxy += wt * a * b;
                        }
                    }
                    double vx = sxx - mx * mx, vy = syy - my * my, cov = sxy - mx * my;
                    sum += (2 * mx * my + c1) * (2 * cov + c2) / ((mx * mx + my * my + c1) * (vx + vy + c2));
                    count++;
                }
            }
        }
        return sum / count;
    }

    private static Tensor random(Random r, int... dims) {
        int n = 1;
        for (int v : dims) {
            n *= v;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble();
        }
        return Tensor.of(v, dims);
    }
}
