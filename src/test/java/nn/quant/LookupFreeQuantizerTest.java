package nn.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.GradCheck;
import autograd.Variable;
import java.util.Random;
import nn.conv.LayerChecks;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.MemoryScope;
import tensor.Tensor;

class LookupFreeQuantizerTest {
    @Test
    void tokensAreBitsWithChannelKAsBitK() {
        try (LookupFreeQuantizer lfq = new LookupFreeQuantizer(3); MemoryScope scope = MemoryScope.open()) {
            // one token per column: channels (+, −, +) → 1 + 4 = 5; (−, +, +) → 2 + 4 = 6; (−, −, −) → 0
            Tensor x = Tensor.of(new float[] {0.5f, -0.1f, -2f, -0.3f, 0.2f, -1f, 0.9f, 0.4f, -0.7f}, 1, 3, 3);
            LookupFreeQuantizer.Result r = lfq.forward(Variable.constant(x));
            assertArrayEquals(new int[] {5, 6, 0}, r.codes().toIntArray());
            assertArrayEquals(new float[] {1, -1, -1, -1, 1, -1, 1, 1, -1}, r.quantized().value().toFloatArray());
        }
    }

    @Test
    void codesAndBitsRoundTrip() {
        Random rng = new Random(1);
        try (LookupFreeQuantizer lfq = new LookupFreeQuantizer(5); MemoryScope scope = MemoryScope.open()) {
            Tensor x = LayerChecks.uniform(rng, 2, 5, 2, 3, 3).to(DType.F32);
            LookupFreeQuantizer.Result r = lfq.forward(Variable.constant(x));
            assertArrayEquals(new int[] {2, 2, 3, 3}, r.codes().shape().dims());
            assertArrayEquals(r.quantized().value().toFloatArray(), lfq.dequantize(r.codes()).toFloatArray());
            int[] every = new int[32];
            for (int i = 0; i < 32; i++) {
                every[i] = i;
            }
            Tensor codes = Tensor.of(every, 1, 32);
            Tensor bits = lfq.dequantize(codes);   // [1, 5, 32]
            assertArrayEquals(every, lfq.forward(Variable.constant(bits)).codes().reshape(-1).toIntArray());
        }
    }

    /** H and mean-distribution entropy by the definition, in double, one code at a time. */
    private static double[] bruteForce(double[] x, int tokens, int bits, double tau, double gamma) {
        int size = 1 << bits;
        double perSample = 0;
        double[] mean = new double[size];
        for (int m = 0; m < tokens; m++) {
            double[] logit = new double[size];
            double max = Double.NEGATIVE_INFINITY;
            for (int c = 0; c < size; c++) {
                double dot = 0;
                for (int k = 0; k < bits; k++) {
                    dot += x[m * bits + k] * (((c >> k) & 1) == 1 ? 1 : -1);
                }
                logit[c] = 2 * dot / tau;
                max = Math.max(max, logit[c]);
            }
            double z = 0;
            for (int c = 0; c < size; c++) {
                z += Math.exp(logit[c] - max);
            }
            for (int c = 0; c < size; c++) {
                double p = Math.exp(logit[c] - max) / z;
                if (p > 0) {
                    perSample -= p * Math.log(p) / tokens;
                }
                mean[c] += p / tokens;
            }
        }
        double codebook = 0;
        for (double p : mean) {
            if (p > 0) {
                codebook -= p * Math.log(p);
            }
        }
        return new double[] {perSample, codebook, perSample - gamma * codebook};
    }

    @Test
    void entropyLossEqualsItsFormulaEvaluatedByBruteForce() {
        Random rng = new Random(2);
        for (double tau : new double[] {0.01, 0.3}) {
            try (MemoryScope scope = MemoryScope.open()) {
                Tensor rows = LayerChecks.uniform(rng, 7, 4);
                LookupFreeQuantizer.Entropy e = LookupFreeQuantizer.entropy(Variable.constant(rows),
                        LookupFreeQuantizer.corners(4).to(DType.F64), tau, 2.5);
                double[] want = bruteForce(rows.toDoubleArray(), 7, 4, tau, 2.5);
                assertEquals(want[0], e.perSample().value().item(), 1e-10, "per-sample entropy, τ " + tau);
                assertEquals(want[1], e.codebook().value().item(), 1e-10, "codebook entropy, τ " + tau);
                assertEquals(want[2], e.aux().value().item(), 1e-10, "aux, τ " + tau);
            }
        }
    }

    @Test
    void aCollapsedBatchHasLowCodebookEntropyAndASpreadOneHigh() {
        int bits = 4;
        try (LookupFreeQuantizer lfq = new LookupFreeQuantizer(bits); MemoryScope scope = MemoryScope.open()) {
            double[] same = new double[64 * bits];
            double[] spread = new double[64 * bits];
            for (int m = 0; m < 64; m++) {
                for (int k = 0; k < bits; k++) {
                    same[k * 64 + m] = k % 2 == 0 ? 0.5 : -0.5;
                    spread[k * 64 + m] = ((m >> k) & 1) == 1 ? 0.5 : -0.5;   // every code 4 times
                }
            }
            LookupFreeQuantizer.Result collapsed = lfq.forward(Variable.constant(Tensor.of(same, 1, bits, 64).to(DType.F32)));
            LookupFreeQuantizer.Result diverse = lfq.forward(Variable.constant(Tensor.of(spread, 1, bits, 64).to(DType.F32)));
            assertTrue(collapsed.codebookEntropy().value().item() < 1e-3, "collapsed: " + collapsed.codebookEntropy().value());
            assertEquals(bits * Math.log(2), diverse.codebookEntropy().value().item(), 1e-4);
            assertEquals(1.0 / 16, collapsed.usage().usedFraction(), 1e-12);
            assertEquals(1.0, diverse.usage().usedFraction(), 1e-12);
            assertTrue(collapsed.entropyAux().value().item() > diverse.entropyAux().value().item());
        }
    }

    @Test
    void entropyLossGradientMatchesFiniteDifferences() {
        Random rng = new Random(3);
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor corners = LookupFreeQuantizer.corners(3).to(DType.F64);
            GradCheck.verify(in -> LookupFreeQuantizer.entropy(in.get(0), corners, 0.2, 1.5).aux(), LayerChecks.uniform(rng, 5, 3));
            GradCheck.verify(in -> LookupFreeQuantizer.entropy(in.get(0), corners, 0.01, 1.0).aux(),
                    GradCheck.Options.defaults().withTolerance(1e-4, 1e-3), LayerChecks.uniform(rng, 4, 3).mul(0.01));
        }
    }

    @Test
    void lossGradientMatchesFiniteDifferencesAndQuantizedPassesGradientsStraightThrough() {
        Random rng = new Random(4);
        try (LookupFreeQuantizer lfq = new LookupFreeQuantizer(new LookupFreeQuantizer.Config(3, 0.5, 1.0, 0.1, 0.25));
                MemoryScope scope = MemoryScope.open()) {
            lfq.to(DType.F64);
            Tensor x = LayerChecks.uniform(rng, 2, 3, 2, 2);
            GradCheck.verify(in -> lfq.forward(in.get(0)).loss(), x);
            Variable v = Variable.parameter(x);
            Tensor upstream = LayerChecks.uniform(rng, 2, 3, 2, 2);
            lfq.forward(v).quantized().backward(upstream);
            assertArrayEquals(upstream.toDoubleArray(), v.grad().toDoubleArray(), 1e-15);
        }
    }

    @Test
    void evaluationQuantizesWithoutLosses() {
        try (LookupFreeQuantizer lfq = new LookupFreeQuantizer(2); MemoryScope scope = MemoryScope.open()) {
            lfq.eval();
            LookupFreeQuantizer.Result r = lfq.forward(Variable.constant(Tensor.of(new float[] {1, -1}, 1, 2)));
            assertEquals(0, r.loss().value().item());
            assertArrayEquals(new int[] {1}, r.codes().toIntArray());
            assertTrue(lfq.stateDict().isEmpty(), "the corner table is not saved");
        }
    }

    @Test
    void tooManyBitsAreRejectedWithTheReason() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new LookupFreeQuantizer(17));
        assertTrue(e.getMessage().contains("[1, 16]") && e.getMessage().contains("2^17"), e.getMessage());
    }

    @Test
    void openClMatchesTheCpuReference() throws Exception {
        try (LookupFreeQuantizer lfq = new LookupFreeQuantizer(new LookupFreeQuantizer.Config(4, 0.1, 1.0, 0.1, 0.25));
                MemoryScope scope = MemoryScope.open()) {
            Tensor x = LayerChecks.uniform(new Random(5), 2, 4, 3, 4);
            LayerChecks.assertClMatchesCpu(lfq, in -> {
                LookupFreeQuantizer.Result r = lfq.forward(in);
                return r.quantized().mul(r.loss());
            }, x, 1e-3);
        }
    }
}
