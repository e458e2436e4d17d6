package nn.quant;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.GradCheck;
import autograd.Variable;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import nn.conv.LayerChecks;
import org.apache.commons.math3.stat.inference.ChiSquareTest;
import org.junit.jupiter.api.Test;
import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;
import tensor.cl.OpenCl;

class GumbelQuantizerTest {
    private static final double[] LOGITS = {1.0, 0.0, -0.5, 2.0, 0.3};

    /** A quantizer whose logits are {@link #LOGITS} at every position (zero projection weight, bias = logits). */
    private static GumbelQuantizer fixedLogits(TemperatureSchedule tau, long noiseSeed) {
        GumbelQuantizer.Config config = new GumbelQuantizer.Config(2, LOGITS.length, 3, true, 5e-4, tau);
        GumbelQuantizer gq = new GumbelQuantizer(config, new Generator(1), new Generator(noiseSeed));
        gq.proj.weight.set(gq.proj.weight.value().zerosLike());
        gq.proj.bias.set(Tensor.of(LOGITS, LOGITS.length));
        return gq;
    }

    private static double[] softmax(double[] l) {
        double z = 0;
        for (double v : l) {
            z += Math.exp(v);
        }
        double[] p = new double[l.length];
        for (int i = 0; i < l.length; i++) {
            p[i] = Math.exp(l[i]) / z;
        }
        return p;
    }

    @Test
    void hasTamingsParameterNames() {
        try (GumbelQuantizer gq = new GumbelQuantizer(GumbelQuantizer.Config.of(4, 8, 3, 1000), new Generator(1),
                new Generator(2))) {
            assertEquals(List.of("proj.weight", "proj.bias", "embed.weight"), List.copyOf(gq.namedParameters().keySet()));
            assertEquals(List.of("noise_counter", "step", "proj.weight", "proj.bias", "embed.weight"),
                    List.copyOf(gq.stateDict().keySet())); // plus the two buffers an exact resume needs
            assertArrayEquals(new int[] {8, 4, 1, 1, 1}, gq.proj.weight.shape().dims());
            assertArrayEquals(new int[] {8, 3}, gq.stateDict().get("embed.weight").shape().dims());
        }
    }

    @Test
    void atLowTemperatureHardSamplesFollowTheSoftmaxProbabilities() {
        try (GumbelQuantizer gq = fixedLogits(TemperatureSchedule.constant(1.0 / 16), 42);
                MemoryScope scope = MemoryScope.open()) {
            GumbelQuantizer.Result r = gq.forward(Variable.constant(Tensor.zeros(2, 2, 4, 25, 25)));   // 5000 tokens
            long[] observed = new long[LOGITS.length];
            for (int c : r.codes().toIntArray()) {
                observed[c]++;
            }
            double[] p = softmax(LOGITS);
            double[] expected = new double[p.length];
            for (int i = 0; i < p.length; i++) {
                expected[i] = p[i] * 5000;
            }
            double pValue = new ChiSquareTest().chiSquareTest(expected, observed);
            assertTrue(pValue > 1e-3, "codes " + Arrays.toString(observed) + " vs softmax, p = " + pValue);
            // hard: every token's soft vector is one-hot, so z_q is exactly a codebook row
            Tensor rows = Tensor.embedding(gq.stateDict().get("embed.weight"), r.codes()).permute(0, 4, 1, 2, 3);
            assertArrayEquals(rows.toFloatArray(), r.quantized().value().toFloatArray(), 1e-6f);
        }
    }

    @Test
    void evaluationIsTheArgmaxWithoutNoiseAndTheKlIsTamingsFormula() {
        try (GumbelQuantizer gq = fixedLogits(TemperatureSchedule.constant(1.0), 7); MemoryScope scope = MemoryScope.open()) {
            gq.eval();
            GumbelQuantizer.Result r = gq.forward(Variable.constant(Tensor.zeros(1, 2, 1, 2, 3)));
            assertArrayEquals(new int[] {3, 3, 3, 3, 3, 3}, r.codes().reshape(-1).toIntArray());
            double kl = 0;
            for (double q : softmax(LOGITS)) {
                kl += q * Math.log(q * LOGITS.length + 1e-10);
            }
            assertEquals(5e-4 * kl, r.loss().value().item(), 1e-9);
        }
    }

    @Test
    void temperatureAnnealsExponentially() {
        TemperatureSchedule s = TemperatureSchedule.exponential(1.0, 1.0 / 16, 100);
        assertEquals(1.0, s.at(0), 1e-12);
        assertEquals(0.25, s.at(50), 1e-12);
        assertEquals(1.0 / 16, s.at(100), 1e-12);
        assertEquals(1.0 / 16, s.at(1000), 1e-12);
        try (GumbelQuantizer gq = fixedLogits(s, 1)) {
            gq.setStep(50);
            assertEquals(0.25, gq.temperature(), 1e-12);
        }
    }

    @Test
    void gumbelSoftmaxGradientsMatchFiniteDifferencesAndHardUsesTheSoftGradient() {
        Random r = new Random(3);
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor noise = LayerChecks.uniform(r, 4, 5);
            Tensor logits = LayerChecks.uniform(r, 4, 5);
            GradCheck.verify(in -> GumbelQuantizer.gumbelSoftmax(in.get(0), noise, 0.5, false), logits);
            Tensor upstream = LayerChecks.uniform(r, 4, 5);
            Variable a = Variable.parameter(logits);
            Variable b = Variable.parameter(logits);
            GumbelQuantizer.gumbelSoftmax(a, noise, 0.5, false).backward(upstream);
            Variable hard = GumbelQuantizer.gumbelSoftmax(b, noise, 0.5, true);
            hard.backward(upstream);
            assertArrayEquals(a.grad().toDoubleArray(), b.grad().toDoubleArray(), 1e-12);
            for (int row = 0; row < 4; row++) {
                double sum = 0;
                for (int c = 0; c < 5; c++) {
                    double v = hard.value().toDoubleArray()[row * 5 + c];
                    assertTrue(v == 0 || v == 1, "hard samples are one-hot, got " + v);
                    sum += v;
                }
                assertEquals(1, sum, 0);
            }
        }
    }

    @Test
    void evaluationGradientsMatchFiniteDifferences() {
        try (GumbelQuantizer gq = new GumbelQuantizer(GumbelQuantizer.Config.of(2, 4, 3, 10), new Generator(4),
                new Generator(5)); MemoryScope scope = MemoryScope.open()) {
            gq.eval();
            LayerChecks.gradcheck(gq, z -> {
                GumbelQuantizer.Result res = gq.forward(z);
                return res.quantized().mul(res.loss().mul(100));
            }, LayerChecks.uniform(new Random(6), 1, 2, 1, 2, 2));
        }
    }

    @Test
    void openClMatchesTheCpuReference() throws Exception {
        try (GumbelQuantizer gq = new GumbelQuantizer(GumbelQuantizer.Config.of(4, 8, 3, 10), new Generator(7),
                new Generator(8)); MemoryScope scope = MemoryScope.open()) {
            gq.eval();
            LayerChecks.assertClMatchesCpu(gq, z -> {
                GumbelQuantizer.Result res = gq.forward(z);
                return res.quantized().mul(res.loss());
            }, LayerChecks.uniform(new Random(9), 2, 4, 2, 3, 3), 1e-3);
        }
    }

    /** Codes and values of one training forward (with Gumbel noise) of a fresh quantizer on {@code backend}. */
    private static List<float[]> trainingSample(Backend backend, Tensor z) throws Exception {
        try (GumbelQuantizer gq = new GumbelQuantizer(GumbelQuantizer.Config.of(4, 8, 3, 10), new Generator(10),
                new Generator(11)); Devices.Selection device = Devices.use(backend); MemoryScope scope = MemoryScope.open()) {
            gq.to(backend);
            GumbelQuantizer.Result r = gq.forward(Variable.constant(z.to(DType.F32).to(backend)));
            return List.of(r.codes().to(DType.F32).toFloatArray(), r.quantized().value().toFloatArray());
        }
    }

    @Test
    void aLoadedStateDictContinuesTheNoiseAndTheTemperatureExactly() {
        GumbelQuantizer.Config config = GumbelQuantizer.Config.of(4, 8, 3, 100);
        try (MemoryScope scope = MemoryScope.open();
             GumbelQuantizer straight = new GumbelQuantizer(config, new Generator(1), new Generator(2));
             GumbelQuantizer resumed = new GumbelQuantizer(config, new Generator(1), new Generator(2))) {
            Tensor z = LayerChecks.uniform(new Random(13), 2, 4, 2, 3, 3).to(DType.F32);
            straight.setStep(40);
            straight.forward(Variable.constant(z));
            resumed.loadStateDict(straight.stateDict(), true);
            assertEquals(40, resumed.step());
            assertEquals(straight.temperature(), resumed.temperature());
            assertArrayEquals(straight.forward(Variable.constant(z)).quantized().value().toFloatArray(),
                    resumed.forward(Variable.constant(z)).quantized().value().toFloatArray(),
                    "the second draw of noise, not the first again");
        }
    }

    @Test
    void openClDrawsTheSameNoiseInTraining() throws Exception {
        Backend cl = OpenCl.backend();
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor z = LayerChecks.uniform(new Random(12), 2, 4, 2, 3, 3);
            List<float[]> cpu = trainingSample(Devices.cpu(), z);
            List<float[]> device = trainingSample(cl, z);
            assertArrayEquals(cpu.get(0), device.get(0), "codes");
            assertArrayEquals(cpu.get(1), device.get(1), 1e-4f, "quantized");
        }
    }
}
