package nn.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.Grad;
import autograd.GradCheck;
import autograd.Variable;
import java.util.List;
import java.util.Random;
import nn.conv.LayerChecks;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.ShapeException;
import tensor.Tensor;

class MultiHeadAttentionTest {
    private static MultiHeadAttention f64(MultiHeadAttention.Config config, long seed) {
        MultiHeadAttention mha = new MultiHeadAttention(config, new Generator(seed));
        mha.to(DType.F64);
        return mha;
    }

    /** {@code x [rows, in]·wᵀ + b} on host arrays. */
    private static double[] linear(double[] x, int rows, Tensor w, Tensor b) {
        int out = w.dim(0);
        int in = w.dim(1);
        double[] wa = w.toDoubleArray();
        double[] ba = b == null ? new double[out] : b.toDoubleArray();
        double[] y = new double[rows * out];
        for (int r = 0; r < rows; r++) {
            for (int o = 0; o < out; o++) {
                double s = ba[o];
                for (int i = 0; i < in; i++) {
                    s += x[r * in + i] * wa[o * in + i];
                }
                y[r * out + o] = s;
            }
        }
        return y;
    }

    /** {@code [L, heads·d]} → {@code [heads, L, d]} on host arrays (one batch entry). */
    private static double[] heads(double[] x, int l, int heads, int d) {
        double[] y = new double[x.length];
        for (int s = 0; s < l; s++) {
            for (int h = 0; h < heads; h++) {
                System.arraycopy(x, s * heads * d + h * d, y, (h * l + s) * d, d);
            }
        }
        return y;
    }

    private static double[] unheads(double[] x, int l, int heads, int d) {
        double[] y = new double[x.length];
        for (int s = 0; s < l; s++) {
            for (int h = 0; h < heads; h++) {
                System.arraycopy(x, (h * l + s) * d, y, s * heads * d + h * d, d);
            }
        }
        return y;
    }

    @Test
    void crossAttentionMatchesTheDefinitionHeadByHead() {
        int e = 6;
        int heads = 2;
        int d = 3;
        int ctx = 5;
        int lq = 4;
        int lk = 7;
        MultiHeadAttention mha = f64(MultiHeadAttention.Config.of(e, heads).withContextDim(ctx), 1);
        Random r = new Random(2);
        Tensor x = LayerChecks.uniform(r, 1, lq, e);
        Tensor c = LayerChecks.uniform(r, 1, lk, ctx);
        double[] got = mha.forward(Variable.constant(x), Variable.constant(c), AttentionPattern.FULL).value().toDoubleArray();

        double[] q = heads(linear(x.toDoubleArray(), lq, mha.qProj.weight.value(), mha.qProj.bias.value()), lq, heads, d);
        double[] k = heads(linear(c.toDoubleArray(), lk, mha.kProj.weight.value(), mha.kProj.bias.value()), lk, heads, d);
        double[] v = heads(linear(c.toDoubleArray(), lk, mha.vProj.weight.value(), mha.vProj.bias.value()), lk, heads, d);
        double[] att = ReferenceAttention.attend(q, k, v, heads, lq, lk, d, d, ReferenceAttention.all(lq, lk));
        double[] want = linear(unheads(att, lq, heads, d), lq, mha.oProj.weight.value(), mha.oProj.bias.value());
        assertArrayEquals(want, got, 1e-12);
    }

    @Test
    void parametersHaveHuggingFaceNamesAndTorchLayouts() {
        MultiHeadAttention mha = new MultiHeadAttention(MultiHeadAttention.Config.of(8, 2).withContextDim(5), new Generator(3));
        assertEquals(List.of("q_proj.weight", "q_proj.bias", "k_proj.weight", "k_proj.bias", "v_proj.weight",
                "v_proj.bias", "o_proj.weight", "o_proj.bias"), List.copyOf(mha.stateDict().keySet()));
        assertEquals(tensor.Shape.of(8, 5), mha.stateDict().get("k_proj.weight").shape());
        MultiHeadAttention llama = new MultiHeadAttention(MultiHeadAttention.Config.of(8, 2).withBias(false), new Generator(3));
        assertEquals(List.of("q_proj.weight", "k_proj.weight", "v_proj.weight", "o_proj.weight"),
                List.copyOf(llama.stateDict().keySet()));
    }

    private void assertCacheMatchesFullPass(MultiHeadAttention mha, int[] chunks) {
        int total = java.util.Arrays.stream(chunks).sum();
        Tensor x = LayerChecks.uniform(new Random(4), 2, total, mha.config().embedDim());
        try (Grad.Mode off = Grad.noGrad(); KvCache cache = new KvCache()) {
            double[] full = mha.forward(Variable.constant(x), AttentionPattern.CAUSAL).value().toDoubleArray();
            int e = mha.config().embedDim();
            int start = 0;
            for (int chunk : chunks) {
                double[] step;
                try (MemoryScope scope = MemoryScope.open()) {   // each step in its own scope: the cache survives it
                    step = mha.forward(Variable.constant(x.slice(1, start, start + chunk)), cache).value().toDoubleArray();
                }
                for (int b = 0; b < 2; b++) {
                    for (int s = 0; s < chunk; s++) {
                        for (int f = 0; f < e; f++) {
                            assertEquals(full[(b * total + start + s) * e + f], step[(b * chunk + s) * e + f], 1e-12,
                                    "batch " + b + ", position " + (start + s) + ", feature " + f);
                        }
                    }
                }
                start += chunk;
                assertEquals(start, cache.length());
            }
        }
    }

    @Test
    void keyValueCacheGivesTheSameOutputsStepByStep() {
        assertCacheMatchesFullPass(f64(MultiHeadAttention.Config.of(8, 2), 5), new int[] {1, 1, 1, 1, 1, 1});
    }

    @Test
    void keyValueCacheWithRotaryAndAPrefillChunk() {
        MultiHeadAttention mha = f64(MultiHeadAttention.Config.of(8, 2).withBias(false).withRotary(true), 6);
        assertCacheMatchesFullPass(mha, new int[] {3, 1, 2, 1});
    }

    @Test
    void theCacheRefusesToRecordGradients() {
        MultiHeadAttention mha = new MultiHeadAttention(MultiHeadAttention.Config.of(4, 1), new Generator(7));
        try (KvCache cache = new KvCache()) {
            IllegalStateException e = assertThrows(IllegalStateException.class,
                    () -> mha.forward(Variable.constant(Tensor.zeros(1, 1, 4)), cache));
            assertTrue(e.getMessage().contains("noGrad"), e.getMessage());
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        MultiHeadAttention mha = f64(MultiHeadAttention.Config.of(4, 2).withRotary(true), 8);
        Random r = new Random(9);
        GradCheck.verify(in -> mha.forward(in.get(0), AttentionPattern.CAUSAL), LayerChecks.uniform(r, 2, 3, 4));
        GradCheck.verify(in -> mha.forward(in.get(0), in.get(1), AttentionPattern.FULL),
                LayerChecks.uniform(r, 1, 2, 4), LayerChecks.uniform(r, 1, 3, 4));
    }

    @Test
    void dropoutOnlyInTrainingMode() {
        MultiHeadAttention mha = new MultiHeadAttention(MultiHeadAttention.Config.of(4, 1).withDropout(0.5),
                new Generator(10), new Generator(11));
        Variable x = Variable.constant(Tensor.randn(new Generator(12), DType.F32, 1, 6, 4));
        mha.eval();
        float[] a = mha.forward(x, AttentionPattern.FULL).value().toFloatArray();
        float[] b = mha.forward(x, AttentionPattern.FULL).value().toFloatArray();
        assertArrayEquals(a, b, 0);
        mha.train();
        float[] c = mha.forward(x, AttentionPattern.FULL).value().toFloatArray();
        float[] d = mha.forward(x, AttentionPattern.FULL).value().toFloatArray();
        assertTrue(!java.util.Arrays.equals(c, d), "training draws fresh dropout masks");
    }

    @Test
    void badInputsNameTheLayerAndAxis() {
        MultiHeadAttention mha = new MultiHeadAttention(MultiHeadAttention.Config.of(4, 2), new Generator(13));
        ShapeException e = assertThrows(ShapeException.class,
                () -> mha.forward(Variable.constant(Tensor.zeros(1, 3, 5)), AttentionPattern.FULL));
        assertTrue(e.getMessage().contains("MultiHeadAttention") && e.getMessage().contains("feature axis 2"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> MultiHeadAttention.Config.of(6, 4));
    }
}
