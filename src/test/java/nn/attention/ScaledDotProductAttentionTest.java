package nn.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.GradCheck;
import autograd.Variable;
import java.util.Random;
import nn.conv.LayerChecks;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.ShapeException;
import tensor.Tensor;

class ScaledDotProductAttentionTest {
    private static final int B = 2;
    private static final int H = 3;

    private static double[] attend(Tensor q, Tensor k, Tensor v, Tensor mask, boolean causal) {
        return ScaledDotProductAttention.attend(Variable.constant(q), Variable.constant(k), Variable.constant(v),
                mask, causal).value().toDoubleArray();
    }

    private static Tensor keepMask(boolean[][] keep) {
        int[] flat = new int[keep.length * keep[0].length];
        for (int i = 0; i < keep.length; i++) {
            for (int j = 0; j < keep[0].length; j++) {
                flat[i * keep[0].length + j] = keep[i][j] ? 1 : 0;
            }
        }
        return Tensor.of(flat, keep.length, keep[0].length);
    }

    private static boolean[][] randomKeep(Random r, int lq, int lk) {
        boolean[][] keep = new boolean[lq][lk];
        for (boolean[] row : keep) {
            for (int j = 0; j < lk; j++) {
                row[j] = r.nextInt(3) > 0;
            }
        }
        return keep;
    }

    private void assertMatchesReference(int lq, int lk, int d, int dv, Tensor mask, boolean causal, boolean[][] keep) {
        Random r = new Random(lq * 31 + lk);
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor q = LayerChecks.uniform(r, B, H, lq, d);
            Tensor k = LayerChecks.uniform(r, B, H, lk, d);
            Tensor v = LayerChecks.uniform(r, B, H, lk, dv);
            double[] want = ReferenceAttention.attend(q.toDoubleArray(), k.toDoubleArray(), v.toDoubleArray(),
                    B * H, lq, lk, d, dv, keep);
            assertArrayEquals(want, attend(q, k, v, mask, causal), 1e-12);
        }
    }

    @Test
    void unmaskedMatchesTheDefinition() {
        assertMatchesReference(5, 7, 4, 3, null, false, ReferenceAttention.all(5, 7));
    }

    @Test
    void causalIsBottomRightAligned() {
        assertMatchesReference(6, 6, 4, 4, null, true, ReferenceAttention.causal(6, 6));
        assertMatchesReference(3, 7, 4, 2, null, true, ReferenceAttention.causal(3, 7));   // a key/value cache
        assertMatchesReference(7, 3, 4, 2, null, true, ReferenceAttention.causal(7, 3));   // first 4 queries see nothing
    }

    @Test
    void booleanMaskKeepsOnlyMarkedPairs() {
        boolean[][] keep = randomKeep(new Random(5), 5, 6);
        assertMatchesReference(5, 6, 4, 3, keepMask(keep), false, keep);
    }

    @Test
    void booleanMaskCombinesWithCausal() {
        boolean[][] keep = randomKeep(new Random(6), 6, 6);
        boolean[][] both = new boolean[6][6];
        boolean[][] causal = ReferenceAttention.causal(6, 6);
        for (int i = 0; i < 6; i++) {
            for (int j = 0; j < 6; j++) {
                both[i][j] = keep[i][j] && causal[i][j];
            }
        }
        assertMatchesReference(6, 6, 4, 3, keepMask(keep), true, both);
    }

    @Test
    void additiveMaskWithMinusInfinityMatchesTheBooleanOne() {
        boolean[][] keep = randomKeep(new Random(7), 4, 5);
        keep[2] = new boolean[5];   // a row with no key
        double[] additive = new double[20];
        for (int i = 0; i < 4; i++) {
            for (int j = 0; j < 5; j++) {
                additive[i * 5 + j] = keep[i][j] ? 0 : Double.NEGATIVE_INFINITY;
            }
        }
        assertMatchesReference(4, 5, 3, 3, Tensor.of(additive, 4, 5), false, keep);
    }

    @Test
    void additiveMaskShiftsScores() {
        Random r = new Random(8);
        Tensor q = LayerChecks.uniform(r, 1, 2, 3);
        Tensor k = LayerChecks.uniform(r, 1, 4, 3);
        Tensor v = LayerChecks.uniform(r, 1, 4, 2);
        double[] bias = LayerChecks.values(r, 8);
        // Adding log w_j to the scores multiplies the unnormalised weights by w_j: check one row by hand.
        double[] out = attend(q, k, v, Tensor.of(bias, 2, 4), false);
        double[] qa = q.toDoubleArray();
        double[] ka = k.toDoubleArray();
        double[] va = v.toDoubleArray();
        double[] w = new double[4];
        double total = 0;
        for (int j = 0; j < 4; j++) {
            double dot = 0;
            for (int c = 0; c < 3; c++) {
                dot += qa[3 + c] * ka[j * 3 + c];
            }
            w[j] = Math.exp(dot / Math.sqrt(3) + bias[4 + j]);
            total += w[j];
        }
        double want = 0;
        for (int j = 0; j < 4; j++) {
            want += w[j] / total * va[j * 2 + 1];
        }
        assertEquals(want, out[3], 1e-12);
    }

    @Test
    void aQueryThatSeesNoKeyOutputsZerosAndZeroGradient() {
        Random r = new Random(9);
        boolean[][] keep = randomKeep(r, 4, 4);
        keep[1] = new boolean[4];
        try (MemoryScope scope = MemoryScope.open()) {
            for (DType dtype : new DType[] {DType.F32, DType.F64}) {
                Variable q = Variable.parameter(LayerChecks.uniform(r, 1, 4, 3).to(dtype));
                Variable k = Variable.parameter(LayerChecks.uniform(r, 1, 4, 3).to(dtype));
                Variable v = Variable.parameter(LayerChecks.uniform(r, 1, 4, 3).to(dtype));
                Variable out = ScaledDotProductAttention.attend(q, k, v, keepMask(keep), false);
                double[] o = out.value().toDoubleArray();
                for (int c = 0; c < 3; c++) {
                    assertEquals(0, o[3 + c], 0, dtype + " row 1 must be zeros");
                }
                out.square().sum().backward();
                for (Variable x : new Variable[] {q, k, v}) {
                    for (double g : x.grad().toDoubleArray()) {
                        assertTrue(Double.isFinite(g), dtype + " gradient " + g);
                    }
                }
                double[] gq = q.grad().toDoubleArray();
                for (int c = 0; c < 3; c++) {
                    assertEquals(0, gq[3 + c], 0, "no gradient reaches the query of the empty row");
                }
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(10);
        boolean[][] keep = randomKeep(r, 3, 4);
        Tensor mask = keepMask(keep);
        GradCheck.verify(in -> ScaledDotProductAttention.attend(in.get(0), in.get(1), in.get(2), mask, false),
                LayerChecks.uniform(r, 2, 3, 2), LayerChecks.uniform(r, 2, 4, 2), LayerChecks.uniform(r, 2, 4, 3));
        GradCheck.verify(in -> ScaledDotProductAttention.attend(in.get(0), in.get(1), in.get(2), null, true),
                LayerChecks.uniform(r, 1, 2, 3, 2), LayerChecks.uniform(r, 1, 2, 3, 2), LayerChecks.uniform(r, 1, 2, 3, 2));
    }

    @Test
    void dropoutOnlyWhenAskedAndReproducibly() {
        Random r = new Random(11);
        Variable q = Variable.constant(LayerChecks.uniform(r, 2, 16, 8));
        Variable k = Variable.constant(LayerChecks.uniform(r, 2, 16, 8));
        Variable v = Variable.constant(Tensor.ones(DType.F64, 2, 16, 1));
        double[] eval = ScaledDotProductAttention.attend(q, k, v, null, false, WeightDropout.NONE).value().toDoubleArray();
        for (double e : eval) {
            assertEquals(1, e, 1e-12, "weights sum to 1 without dropout");
        }
        double[] a = ScaledDotProductAttention.attend(q, k, v, null, false, new WeightDropout(0.5, new Generator(3))).value().toDoubleArray();
        double[] b = ScaledDotProductAttention.attend(q, k, v, null, false, new WeightDropout(0.5, new Generator(3))).value().toDoubleArray();
        assertArrayEquals(a, b, 0, "same generator state, same dropout");
        double mean = java.util.Arrays.stream(a).average().orElseThrow();
        assertNotEquals(1, a[0], 1e-9);
        assertEquals(1, mean, 0.25, "inverted dropout keeps the expected row sum at 1");
    }

    @Test
    void causalMaskIsBuiltOnceAndSharedAsAView() {
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor a = MaskBias.causal(5, 5, DType.F32, tensor.Devices.cpu()).bias();
            Tensor b = MaskBias.causal(5, 5, DType.F32, tensor.Devices.cpu()).bias();
            assertTrue(a.storage() == b.storage(), "one storage for one size");
        }
    }

    @Test
    void badShapesNameTheOpAndTheAxis() {
        Variable q = Variable.constant(Tensor.zeros(2, 3, 4));
        Variable k = Variable.constant(Tensor.zeros(2, 5, 4));
        Variable v = Variable.constant(Tensor.zeros(2, 5, 6));
        ShapeException features = assertThrows(ShapeException.class, () -> ScaledDotProductAttention.attend(
                q, Variable.constant(Tensor.zeros(2, 5, 3)), v));
        assertTrue(features.getMessage().contains("attention") && features.getMessage().contains("feature axis (-1)"),
                features.getMessage());
        ShapeException keys = assertThrows(ShapeException.class, () -> ScaledDotProductAttention.attend(
                q, k, Variable.constant(Tensor.zeros(2, 4, 6))));
        assertTrue(keys.getMessage().contains("key axis (-2)"), keys.getMessage());
        ShapeException mask = assertThrows(ShapeException.class, () -> ScaledDotProductAttention.attend(
                q, k, v, Tensor.ones(DType.I32, 3, 4), false));
        assertTrue(mask.getMessage().contains("[..., 3, 5]"), mask.getMessage());
    }
}
