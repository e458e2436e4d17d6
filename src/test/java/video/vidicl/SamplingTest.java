package video.vidicl;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import tensor.Generator;
import tensor.ShapeException;
import tensor.Tensor;

class SamplingTest {
    private static final double[] LOGITS = {1.0, -0.5, 2.0, 0.3, -2.0};
    private static final int ROWS = 20000;

    /** How often each token is drawn from {@code ROWS} copies of {@link #LOGITS}. */
    private static long[] counts(Sampling sampling, long seed) {
        double[] rows = new double[ROWS * LOGITS.length];
        for (int r = 0; r < ROWS; r++) {
            System.arraycopy(LOGITS, 0, rows, r * LOGITS.length, LOGITS.length);
        }
        int[] drawn = sampling.draw(Tensor.of(rows, ROWS, LOGITS.length), new Generator(seed)).toIntArray();
        long[] counts = new long[LOGITS.length];
        for (int token : drawn) {
            counts[token]++;
        }
        return counts;
    }

    /** softmax(logits/τ) restricted to the given tokens, as expected counts over {@code ROWS} draws. */
    private static double[] expected(double temperature, int... kept) {
        double[] weights = new double[kept.length];
        double sum = 0;
        for (int i = 0; i < kept.length; i++) {
            weights[i] = Math.exp(LOGITS[kept[i]] / temperature);
            sum += weights[i];
        }
        for (int i = 0; i < kept.length; i++) {
            weights[i] *= ROWS / sum;
        }
        return weights;
    }

    @Test
    void drawsFollowTheTemperedSoftmax() {
        for (double temperature : new double[] {0.7, 1.0, 2.0}) {
            long[] counts = counts(new Sampling(temperature, 0), 1);
            double p = new ChiSquareTest().chiSquareTest(expected(temperature, 0, 1, 2, 3, 4), counts);
            assertTrue(p > 1e-3, "temperature " + temperature + ": chi-square p = " + p);
        }
    }

    @Test
    void topKDrawsOnlyFromTheKLargestWithRenormalisedProbabilities() {
        long[] counts = counts(new Sampling(1.0, 2), 2);
        assertEquals(0, counts[1] + counts[3] + counts[4], "only tokens 2 and 0 are among the two largest");
        double p = new ChiSquareTest().chiSquareTest(expected(1.0, 2, 0), new long[] {counts[2], counts[0]});
        assertTrue(p > 1e-3, "chi-square p = " + p);
    }

    @Test
    void topOneIsTheArgmax() {
        long[] counts = counts(new Sampling(5.0, 1), 3);
        assertEquals(ROWS, counts[2]);
    }

    @Test
    void badSettingsAreRefused() {
        assertThrows(IllegalArgumentException.class, () -> new Sampling(0, 1));
        assertThrows(IllegalArgumentException.class, () -> new Sampling(1, -1));
        ShapeException tooMany = assertThrows(ShapeException.class,
                () -> new Sampling(1, 9).draw(Tensor.zeros(2, 5), new Generator(1)));
        assertTrue(tooMany.getMessage().contains("topK 9 exceeds the vocabulary of 5"), tooMany.getMessage());
    }
}
