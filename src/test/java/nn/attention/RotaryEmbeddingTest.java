package nn.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import autograd.GradCheck;
import autograd.Variable;
import java.util.Random;
import nn.conv.LayerChecks;
import org.junit.jupiter.api.Test;
import tensor.ShapeException;
import tensor.Tensor;

class RotaryEmbeddingTest {
    private static double[] rotate(RotaryEmbedding rope, Tensor x, int offset) {
        return rope.apply(Variable.constant(x), offset).value().toDoubleArray();
    }

    @Test
    void rotatesAdjacentPairsByPositionTimesFrequency() {
        assertRotatesByPositionTimesFrequency(new RotaryEmbedding(6), 10000);
    }

    @Test
    void aSmallerBaseRotatesByItsOwnFrequencies() {
        assertRotatesByPositionTimesFrequency(new RotaryEmbedding(6, 500), 500);
    }

    private static void assertRotatesByPositionTimesFrequency(RotaryEmbedding rope, double base) {
        int len = 5;
        int d = 6;
        Tensor x = LayerChecks.uniform(new Random(1), 2, len, d);
        double[] in = x.toDoubleArray();
        double[] got = rotate(rope, x, 3);
        for (int b = 0; b < 2; b++) {
            for (int s = 0; s < len; s++) {
                for (int i = 0; i < d / 2; i++) {
                    double angle = (3 + s) * Math.pow(base, -2.0 * i / d);
                    int at = (b * len + s) * d + 2 * i;
                    assertEquals(in[at] * Math.cos(angle) - in[at + 1] * Math.sin(angle), got[at], 1e-12);
                    assertEquals(in[at] * Math.sin(angle) + in[at + 1] * Math.cos(angle), got[at + 1], 1e-12);
                }
            }
        }
    }

    @Test
    void scoresDependOnlyOnRelativePosition() {
        RotaryEmbedding rope = new RotaryEmbedding(8);
        Random r = new Random(2);
        Tensor q = LayerChecks.uniform(r, 1, 8);
        Tensor k = LayerChecks.uniform(r, 1, 8);
        double near = dot(rotate(rope, q, 7), rotate(rope, k, 4));
        double far = dot(rotate(rope, q, 103), rotate(rope, k, 100));
        assertEquals(near, far, 1e-9);
    }

    @Test
    void anOffsetContinuesTheSequence() {
        RotaryEmbedding rope = new RotaryEmbedding(4);
        Tensor x = LayerChecks.uniform(new Random(3), 3, 9, 4);
        double[] whole = rotate(rope, x, 0);
        double[] tail = rotate(rope, x.slice(1, 6, 9), 6);
        double[] wholeTail = Variable.constant(Tensor.of(whole, 3, 9, 4)).value().slice(1, 6, 9).contiguous().toDoubleArray();
        assertArrayEquals(wholeTail, tail, 1e-12);
    }

    @Test
    void huggingFaceHalfSplitWeightsGiveTheSameScoresOnceReordered() {
        int d = 4;
        int heads = 2;
        int in = 5;
        Random r = new Random(4);
        Tensor wq = LayerChecks.uniform(r, heads * d, in);
        Tensor wk = LayerChecks.uniform(r, heads * d, in);
        Tensor xq = LayerChecks.uniform(r, in);
        Tensor xk = LayerChecks.uniform(r, in);
        RotaryEmbedding rope = new RotaryEmbedding(d);
        double[] qHf = halfSplitRope(wq.matmul(xq).toDoubleArray(), d, 5);
        double[] kHf = halfSplitRope(wk.matmul(xk).toDoubleArray(), d, 2);
        double[] q = rotate(rope, rope.interleavedRows(wq).matmul(xq).reshape(heads, 1, d), 5);
        double[] k = rotate(rope, rope.interleavedRows(wk).matmul(xk).reshape(heads, 1, d), 2);
        for (int h = 0; h < heads; h++) {
            assertEquals(dot(slice(qHf, h * d, d), slice(kHf, h * d, d)), dot(slice(q, h * d, d), slice(k, h * d, d)), 1e-12);
        }
    }

    /** Hugging Face's rotate_half convention on each head of a flat vector: pairs (i, i + d/2). */
    private static double[] halfSplitRope(double[] x, int d, int pos) {
        double[] y = x.clone();
        for (int h = 0; h < x.length / d; h++) {
            for (int i = 0; i < d / 2; i++) {
                double angle = pos * Math.pow(10000, -2.0 * i / d);
                double a = x[h * d + i];
                double b = x[h * d + i + d / 2];
                y[h * d + i] = a * Math.cos(angle) - b * Math.sin(angle);
                y[h * d + i + d / 2] = b * Math.cos(angle) + a * Math.sin(angle);
            }
        }
        return y;
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        RotaryEmbedding rope = new RotaryEmbedding(4);
        GradCheck.verify(in -> rope.apply(in.get(0), 2), LayerChecks.uniform(new Random(5), 2, 3, 4));
    }

    @Test
    void rejectsAnOddOrMismatchedDimension() {
        assertThrows(IllegalArgumentException.class, () -> new RotaryEmbedding(5));
        assertThrows(IllegalArgumentException.class, () -> new RotaryEmbedding(4, 1));
        ShapeException e = assertThrows(ShapeException.class,
                () -> new RotaryEmbedding(4).apply(Variable.constant(Tensor.zeros(2, 6)), 0));
        assertEquals(true, e.getMessage().contains("rotary"), e.getMessage());
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static double[] slice(double[] a, int from, int n) {
        return java.util.Arrays.copyOfRange(a, from, from + n);
    }
}
