package nn.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.GradCheck;
import autograd.Variable;
import java.util.List;
import java.util.Random;
import nn.conv.LayerChecks;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;

class VectorQuantizerTest {
    /** Tokens {@code [M, D]} laid out as {@code [1, D, M]}. */
    private static Tensor asGrid(double[][] rows) {
        int m = rows.length, d = rows[0].length;
        double[] v = new double[m * d];
        for (int i = 0; i < m; i++) {
            for (int k = 0; k < d; k++) {
                v[k * m + i] = rows[i][k];
            }
        }
        return Tensor.of(v, 1, d, m);
    }

    private static double[][] matrix(Tensor t) {
        double[] v = t.toDoubleArray();
        int d = t.dim(1);
        double[][] out = new double[t.dim(0)][d];
        for (int i = 0; i < out.length; i++) {
            System.arraycopy(v, i * d, out[i], 0, d);
        }
        return out;
    }

    @Test
    void nearestIsTheBruteForceArgminOfL2() {
        Random r = new Random(1);
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor rows = LayerChecks.uniform(r, 50, 3);
            Tensor codebook = LayerChecks.uniform(r, 7, 3);
            int[] got = VectorQuantizer.nearest(rows, codebook).toIntArray();
            double[][] z = matrix(rows), e = matrix(codebook);
            for (int i = 0; i < z.length; i++) {
                int best = 0;
                double bestD = Double.MAX_VALUE;
                for (int k = 0; k < e.length; k++) {
                    double dist = 0;
                    for (int j = 0; j < 3; j++) {
                        dist += (z[i][j] - e[k][j]) * (z[i][j] - e[k][j]);
                    }
                    if (dist < bestD) {
                        bestD = dist;
                        best = k;
                    }
                }
                assertEquals(best, got[i], "token " + i);
            }
        }
    }

    @Test
    void quantizesToCodeVectorsWithTheLossesOfVqVae() {
        Random r = new Random(2);
        try (VectorQuantizer vq = new VectorQuantizer(VectorQuantizer.Config.of(5, 3), new Generator(3));
                MemoryScope scope = MemoryScope.open()) {
            assertEquals(List.of("embedding.weight"), List.copyOf(vq.stateDict().keySet()));
            vq.to(DType.F64);
            Tensor z = LayerChecks.uniform(r, 2, 3, 2, 2, 2);
            Variable input = Variable.parameter(z);
            VectorQuantizer.Result out = vq.forward(input);
            assertArrayEquals(new int[] {2, 2, 2, 2}, out.codes().shape().dims());
            Tensor expected = Tensor.embedding(vq.codebook(), out.codes()).permute(0, 4, 1, 2, 3);
            assertArrayEquals(expected.toDoubleArray(), out.quantized().value().toDoubleArray(), 1e-15);
            double mse = expected.sub(z).square().mean().item();
            assertEquals(mse, out.commitment().value().item(), 1e-12);
            assertEquals(mse, out.codebookLoss().value().item(), 1e-12);
            assertEquals(1.25 * mse, out.loss().value().item(), 1e-12);
            Tensor upstream = LayerChecks.uniform(r, 2, 3, 2, 2, 2);
            out.quantized().backward(upstream);
            assertArrayEquals(upstream.toDoubleArray(), input.grad().toDoubleArray(), 1e-15, "straight-through");
        }
    }

    @Test
    void emaUpdateEqualsItsFormulaComputedByHand() {
        int k = 3, d = 2;
        double decay = 0.9, eps = 1e-5;
        VectorQuantizer.Config config = new VectorQuantizer.Config(k, d, 0.25, VectorQuantizer.Update.EMA, decay, eps, 0);
        try (VectorQuantizer vq = new VectorQuantizer(config, new Generator(4)); MemoryScope scope = MemoryScope.open()) {
            assertEquals(List.of("cluster_size", "embed_avg", "embedding.weight"), vq.stateDict().keySet().stream().sorted().toList());
            vq.to(DType.F64);
            double[][] e0 = matrix(vq.codebook());
            double[][] z = {{e0[0][0] + 0.01, e0[0][1]}, {e0[0][0], e0[0][1] - 0.02}, {e0[2][0] + 0.03, e0[2][1]}};
            int[] codes = vq.forward(Variable.constant(asGrid(z))).codes().toIntArray();
            assertArrayEquals(new int[] {0, 0, 2}, codes);
            double[] n = new double[k];
            double[][] s = new double[k][d];
            for (int i = 0; i < z.length; i++) {
                n[codes[i]]++;
                for (int j = 0; j < d; j++) {
                    s[codes[i]][j] += z[i][j];
                }
            }
            double[] cluster = new double[k];
            double[][] avg = new double[k][d];
            double total = 0;
            for (int c = 0; c < k; c++) {
                cluster[c] = decay * 1 + (1 - decay) * n[c];   // N starts at ones
                total += cluster[c];
                for (int j = 0; j < d; j++) {
                    avg[c][j] = decay * e0[c][j] + (1 - decay) * s[c][j];   // S starts at the codebook
                }
            }
            double[] newCodes = new double[k * d];
            for (int c = 0; c < k; c++) {
                double smoothed = (cluster[c] + eps) / (total + k * eps) * total;
                for (int j = 0; j < d; j++) {
                    newCodes[c * d + j] = avg[c][j] / smoothed;
                }
            }
            assertArrayEquals(cluster, vq.stateDict().get("cluster_size").toDoubleArray(), 1e-12);
            assertArrayEquals(new double[] {avg[0][0], avg[0][1], avg[1][0], avg[1][1], avg[2][0], avg[2][1]},
                    vq.stateDict().get("embed_avg").toDoubleArray(), 1e-12);
            assertArrayEquals(newCodes, vq.codebook().toDoubleArray(), 1e-12);
            vq.eval();
            vq.forward(Variable.constant(asGrid(z)));
            assertArrayEquals(newCodes, vq.codebook().toDoubleArray(), 0, "no update in evaluation");
        }
    }

    @Test
    void codesUnusedForNStepsRestartAtEncoderOutputs() {
        VectorQuantizer.Config config = VectorQuantizer.Config.of(4, 2).withEma().withDeadCodeRestart(2);
        try (VectorQuantizer vq = new VectorQuantizer(config, new Generator(5)); MemoryScope scope = MemoryScope.open()) {
            vq.to(DType.F64);
            double[][] e0 = matrix(vq.codebook());
            // every token sits on code 0: codes 1..3 are dead after two steps
            double[][] z = {{e0[0][0], e0[0][1]}, {e0[0][0] + 1e-3, e0[0][1]}, {e0[0][0], e0[0][1] - 1e-3}};
            vq.forward(Variable.constant(asGrid(z)));
            assertArrayEquals(new double[] {0, 1, 1, 1}, vq.stateDict().get("unused_steps").toDoubleArray());
            double[][] before = matrix(vq.codebook());
            vq.forward(Variable.constant(asGrid(z)));
            double[][] after = matrix(vq.codebook());
            for (int c = 1; c < 4; c++) {
                boolean isToken = false;
                for (double[] token : z) {
                    isToken |= Math.abs(token[0] - after[c][0]) < 1e-12 && Math.abs(token[1] - after[c][1]) < 1e-12;
                }
                assertTrue(isToken, "code " + c + " restarted at an encoder output, not " + after[c][0] + ", " + after[c][1]);
                assertTrue(after[c][0] != before[c][0] || after[c][1] != before[c][1]);
            }
            assertArrayEquals(new double[] {0, 0, 0, 0}, vq.stateDict().get("unused_steps").toDoubleArray());
            assertArrayEquals(new double[] {1, 1, 1}, java.util.Arrays.copyOfRange(
                    vq.stateDict().get("cluster_size").toDoubleArray(), 1, 4));
        }
    }

    @Test
    void aLoadedStateDictRestartsTheSameCodesAtTheSameTokens() {
        VectorQuantizer.Config config = VectorQuantizer.Config.of(6, 2).withEma().withDeadCodeRestart(1);
        try (MemoryScope scope = MemoryScope.open();
             VectorQuantizer straight = new VectorQuantizer(config, new Generator(9));
             VectorQuantizer resumed = new VectorQuantizer(config, new Generator(9))) {
            Tensor z = LayerChecks.uniform(new Random(3), 1, 2, 12).to(DType.F32);
            straight.forward(Variable.constant(z)); // restarts dead codes once, advancing the restart stream
            assertEquals(2, straight.stateDict().get("restart_counter").toIntArray()[0], "blocks of 4 draws for 6 codes");
            resumed.loadStateDict(straight.stateDict(), true);
            Tensor shifted = z.mul(0.5);
            straight.forward(Variable.constant(shifted));
            resumed.forward(Variable.constant(shifted));
            assertArrayEquals(straight.codebook().toFloatArray(), resumed.codebook().toFloatArray());
            straight.stateDict().forEach((name, t) ->
                    assertArrayEquals(t.toDoubleArray(), resumed.stateDict().get(name).toDoubleArray(), name));
        }
    }

    @Test
    void usageReportsPerplexityAndUsedFraction() {
        try (MemoryScope scope = MemoryScope.open()) {
            CodeUsage even = CodeUsage.of(Tensor.of(new int[] {0, 1, 0, 1}, 4), 4);
            assertEquals(2, even.perplexity(), 1e-6);
            assertEquals(0.5, even.usedFraction());
            CodeUsage skewed = CodeUsage.of(Tensor.of(new int[] {0, 0, 0, 2}, 2, 2), 3);
            double h = -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25));
            assertEquals(Math.exp(h), skewed.perplexity(), 1e-6);
            assertArrayEquals(new float[] {3, 0, 1}, skewed.counts().toFloatArray());
        }
    }

    @Test
    void lossGradientsMatchFiniteDifferences() {
        try (VectorQuantizer vq = new VectorQuantizer(VectorQuantizer.Config.of(6, 3), new Generator(6));
                MemoryScope scope = MemoryScope.open()) {
            // each term is differentiated only along the path its stop-gradient leaves open:
            // the commitment with respect to the encoder output, the codebook loss with respect to the codes
            Tensor z = LayerChecks.uniform(new Random(7), 1, 3, 2, 2, 2);
            vq.to(DType.F64);
            GradCheck.verify(in -> vq.forward(in.get(0)).commitment(), z);
            LayerChecks.gradcheckParameters(vq, in -> vq.forward(in).codebookLoss(), z);
        }
    }

    @Test
    void openClMatchesTheCpuReference() throws Exception {
        try (VectorQuantizer vq = new VectorQuantizer(VectorQuantizer.Config.of(16, 4), new Generator(8));
                MemoryScope scope = MemoryScope.open()) {
            Tensor z = LayerChecks.uniform(new Random(9), 2, 4, 2, 3, 3);
            LayerChecks.assertClMatchesCpu(vq, in -> {
                VectorQuantizer.Result r = vq.forward(in);
                return r.quantized().mul(r.loss());
            }, z, 1e-3);
        }
    }
}
