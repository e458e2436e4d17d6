package video.vidicl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.Grad;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;
import nn.Parameter;
import org.junit.jupiter.api.Test;
import tensor.Backend;
import tensor.DType;
import tensor.Generator;
import tensor.Tensor;
import tensor.cl.OpenCl;

/** The code-bit terms of {@link VidIclTransformer} (vocabulary 16 = 2^4, so tokens have 4 bits). */
class VidIclCodeBitsTest {
    private static final VidIclTransformer.Config PLAIN = VidIclTransformer.Config.of(16, 16, 2, 2, 32, 40);
    private static final VidIclTransformer.Config BITS = PLAIN.withCodeBits(true);

    private static VidIclTransformer model(VidIclTransformer.Config config, DType dtype) {
        VidIclTransformer model = new VidIclTransformer(config, new Generator(11));
        model.to(dtype);
        return model;
    }

    private static Tensor randomTokens(long seed, int n, int length) {
        Random r = new Random(seed);
        return Tensor.of(IntStream.range(0, n * length).map(i -> r.nextInt(16)).toArray(), n, length);
    }

    /** {@code [16, 4]}: row c holds the ±1 bits of c, least significant first. */
    private static double[][] signs() {
        double[][] s = new double[16][4];
        for (int c = 0; c < 16; c++) {
            for (int k = 0; k < 4; k++) {
                s[c][k] = ((c >> k) & 1) == 1 ? 1 : -1;
            }
        }
        return s;
    }

    @Test
    void bitTermsAreWhatFoldingThemIntoThePlainTableAndHeadGives() {
        VidIclTransformer bits = model(BITS, DType.F64);
        VidIclTransformer plain = model(PLAIN, DType.F64);   // same draws for the shared weights
        double[][] s = signs();
        double[] table = bits.embedTokens.weight.value().toDoubleArray();    // [16, 16]
        double[] p = bits.embedBits.weight.value().toDoubleArray();          // [16 (width), 4]
        double[] head = bits.lmHead.weight.value().toDoubleArray();          // [16, 16 (width)]
        double[] q = bits.lmHeadBits.weight.value().toDoubleArray();         // [4, 16 (width)]
        double[] foldedTable = new double[256];
        double[] foldedHead = new double[256];
        for (int c = 0; c < 16; c++) {
            for (int e = 0; e < 16; e++) {
                double viaTable = 0;
                double viaHead = 0;
                for (int k = 0; k < 4; k++) {
                    viaTable += s[c][k] * p[e * 4 + k];
                    viaHead += s[c][k] * q[k * 16 + e];
                }
                foldedTable[c * 16 + e] = table[c * 16 + e] + viaTable;
                foldedHead[c * 16 + e] = head[c * 16 + e] + viaHead;
            }
        }
        plain.embedTokens.weight.set(Tensor.of(foldedTable, 16, 16));
        plain.lmHead.weight.set(Tensor.of(foldedHead, 16, 16));
        Tensor tokens = randomTokens(1, 2, 9);
        try (Grad.Mode off = Grad.noGrad()) {
            assertArrayEquals(plain.forward(tokens).value().toDoubleArray(), bits.forward(tokens).value().toDoubleArray(), 1e-12);
        }
        assertTrue(Math.abs(p[0]) > 0 && Math.abs(q[0]) > 0, "the bit layers start from random weights, not zeros");
    }

    @Test
    void lossGradientOfTheBitLayersMatchesFiniteDifferences() {
        VidIclTransformer model = model(BITS, DType.F64);
        Tensor sequences = randomTokens(2, 2, 8);
        model.loss(sequences).backward();
        for (Parameter weight : List.of(model.embedBits.weight, model.lmHeadBits.weight)) {
            double[] analytic = weight.grad().toDoubleArray();
            double[] values = weight.value().toDoubleArray();
            for (int i : new int[] {0, 5, values.length - 1}) {
                double h = 1e-6;
                double up = lossWith(model, weight, values, i, h, sequences);
                double down = lossWith(model, weight, values, i, -h, sequences);
                weight.set(Tensor.of(values, weight.shape().dims()));
                assertEquals((up - down) / (2 * h), analytic[i], 1e-7, weight.shape() + " entry " + i);
            }
        }
    }

    private static double lossWith(VidIclTransformer model, Parameter weight, double[] values, int i, double delta,
                                   Tensor sequences) {
        double[] moved = values.clone();
        moved[i] += delta;
        weight.set(Tensor.of(moved, weight.shape().dims()));
        try (Grad.Mode off = Grad.noGrad()) {
            return model.loss(sequences).value().item();
        }
    }

    @Test
    void cachedSamplingDrawsTheSameTokensAsFullRecomputation() {
        VidIclTransformer model = model(BITS, DType.F64);
        Tensor prompt = randomTokens(4, 2, 7);
        Sampling sampling = new Sampling(1.0, 0);
        assertArrayEquals(model.generateByRecomputation(prompt, 12, sampling, new Generator(42)).toIntArray(),
                model.generate(prompt, 12, sampling, new Generator(42)).toIntArray());
    }

    @Test
    void theBitLayersAreNamedWeightsAndTheSignsAreNotSaved() {
        Map<String, Tensor> state = model(BITS, DType.F32).stateDict();
        assertArrayEquals(new int[] {16, 4}, state.get("embed_bits.weight").shape().dims(), "Linear(4 → width 16)");
        assertArrayEquals(new int[] {4, 16}, state.get("lm_head_bits.weight").shape().dims(), "Linear(width 16 → 4)");
        assertFalse(state.keySet().stream().anyMatch(name -> name.contains("signs")), state.keySet().toString());
        assertEquals(model(PLAIN, DType.F32).stateDict().size() + 2, state.size());
        assertTrue(model(PLAIN, DType.F32).embedBits == null, "off unless asked for");
    }

    @Test
    void needsAVocabularyThatIsAPowerOfTwo() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> VidIclTransformer.Config.of(27, 16, 1, 2, 32, 40).withCodeBits(true));
        assertTrue(e.getMessage().contains("power of two") && e.getMessage().contains("27"), e.getMessage());
        assertEquals(4, BITS.bits());
    }

    @Test
    void forwardLogitsAgreeBetweenCpuAndOpenCl() throws Exception {
        Backend cl = OpenCl.backend();
        VidIclTransformer onCpu = model(BITS, DType.F32);
        VidIclTransformer onCl = model(BITS, DType.F32);
        onCl.to(cl);
        Tensor tokens = randomTokens(10, 2, 17);
        try (Grad.Mode off = Grad.noGrad()) {
            float[] want = onCpu.forward(tokens).value().toFloatArray();
            float[] got = onCl.forward(tokens.to(cl)).value().toFloatArray();
            for (int i = 0; i < want.length; i++) {
                assertEquals(want[i], got[i], 1e-4 + 1e-3 * Math.abs(want[i]), "logit " + i);
            }
        }
    }
}
