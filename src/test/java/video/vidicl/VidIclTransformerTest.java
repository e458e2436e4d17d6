package video.vidicl;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.Grad;
import autograd.Variable;
import java.util.List;
import java.util.Random;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;
import tensor.cl.OpenCl;
import train.optim.AdamW;

class VidIclTransformerTest {
    private static final VidIclTransformer.Config TINY = VidIclTransformer.Config.of(16, 16, 2, 2, 32, 40);

    private static VidIclTransformer tiny(DType dtype) {
        VidIclTransformer model = new VidIclTransformer(TINY, new Generator(11));
        model.to(dtype);
        return model;
    }

    private static Tensor randomTokens(long seed, int n, int length) {
        Random r = new Random(seed);
        return Tensor.of(IntStream.range(0, n * length).map(i -> r.nextInt(TINY.vocabulary())).toArray(), n, length);
    }

    @Test
    void overfitsAFixedSequence() {
        VidIclTransformer model = tiny(DType.F32);
        Tensor sequence = randomTokens(1, 2, 25);
        double first = Double.NaN;
        double last = Double.NaN;
        try (AdamW opt = AdamW.of(model.parameters().stream().map(p -> p.variable()).toList(),
                AdamW.defaults().withLr(1e-2).withWeightDecay(0))) {
            for (int step = 0; step < 40; step++) {
                try (MemoryScope scope = MemoryScope.open()) {
                    Variable loss = model.loss(sequence);
                    last = loss.value().item();
                    first = step == 0 ? last : first;
                    loss.backward();
                }
                opt.step();
                opt.zeroGrad();
            }
        }
        assertEquals(Math.log(TINY.vocabulary()), first, 1.0, "an untrained model is near uniform");
        assertTrue(last < 0.15 * first, "loss fell from " + first + " to only " + last);
    }

    @Test
    void lossIsTheMeanNextTokenCrossEntropy() {
        VidIclTransformer model = tiny(DType.F64);
        Tensor sequences = randomTokens(2, 2, 6);
        int[] ids = sequences.toIntArray();
        double[] logits = model.forward(sequences.slice(1, 0, 5)).value().toDoubleArray();   // [2, 5, 16]
        int v = TINY.vocabulary();
        double sum = 0;
        for (int b = 0; b < 2; b++) {
            for (int i = 0; i < 5; i++) {
                int row = (b * 5 + i) * v;
                double max = IntStream.range(0, v).mapToDouble(c -> logits[row + c]).max().orElseThrow();
                double lse = max + Math.log(IntStream.range(0, v).mapToDouble(c -> Math.exp(logits[row + c] - max)).sum());
                sum += lse - logits[row + ids[b * 6 + i + 1]];
            }
        }
        assertEquals(sum / 10, model.loss(sequences).value().item(), 1e-12);
    }

    @Test
    void logitsAtAPositionIgnoreLaterTokens() {
        VidIclTransformer model = tiny(DType.F64);
        int[] a = randomTokens(3, 1, 12).toIntArray();
        int[] b = a.clone();
        for (int i = 7; i < 12; i++) {
            b[i] = (b[i] + 1 + i) % TINY.vocabulary();
        }
        double[] la = model.forward(Tensor.of(a, 1, 12)).value().toDoubleArray();
        double[] lb = model.forward(Tensor.of(b, 1, 12)).value().toDoubleArray();
        int v = TINY.vocabulary();
        for (int i = 0; i < 7 * v; i++) {
            assertEquals(la[i], lb[i], 1e-12, "logit " + i + " (position " + i / v + ") saw a later token");
        }
        assertNotEquals(la[7 * v], lb[7 * v], "position 7 must see its own token");
    }

    @Test
    void cachedSamplingDrawsTheSameTokensAsFullRecomputation() {
        VidIclTransformer model = tiny(DType.F64);
        Tensor prompt = randomTokens(4, 2, 7);
        for (Sampling sampling : List.of(new Sampling(1.0, 0), new Sampling(0.7, 5), new Sampling(1.5, 2))) {
            int[] cached = model.generate(prompt, 20, sampling, new Generator(42)).toIntArray();
            int[] recomputed = model.generateByRecomputation(prompt, 20, sampling, new Generator(42)).toIntArray();
            assertArrayEquals(recomputed, cached, sampling.toString());
            int[] otherSeed = model.generate(prompt, 20, sampling, new Generator(43)).toIntArray();
            assertNotEquals(List.of(cached), List.of(otherSeed), "the seed must matter for " + sampling);
        }
    }

    @Test
    void topKOneIsGreedy() {
        VidIclTransformer model = tiny(DType.F64);
        int[] prompt = randomTokens(5, 1, 4).toIntArray();
        int[] sequence = prompt;
        int[] greedy = new int[10];
        for (int s = 0; s < greedy.length; s++) {
            int length = sequence.length;
            double[] logits = model.forward(Tensor.of(sequence, 1, length)).value().toDoubleArray();
            int v = TINY.vocabulary();
            int best = 0;
            for (int c = 1; c < v; c++) {
                best = logits[(length - 1) * v + c] > logits[(length - 1) * v + best] ? c : best;
            }
            greedy[s] = best;
            sequence = IntStream.concat(IntStream.of(sequence), IntStream.of(best)).toArray();
        }
        for (double temperature : new double[] {0.5, 1, 3}) {
            int[] sampled = model.generate(Tensor.of(prompt, 1, 4), 10, new Sampling(temperature, 1), new Generator(7)).toIntArray();
            assertArrayEquals(greedy, sampled, "temperature " + temperature);
        }
    }

    @Test
    void inContextPromptIsDemonstrationsThenQueryWithoutSeparators() {
        Tensor demo1 = Tensor.of(new int[] {1, 2, 3, 4, 5, 6, 7, 8}, 2, 2, 2);     // [N=2, T'=2, P=2]
        Tensor demo2 = Tensor.of(new int[] {9, 10, 11, 12}, 2, 1, 2);
        Tensor query = Tensor.of(new int[] {13, 14, 15, 0}, 2, 1, 2);
        Tensor prompt = VidIclTransformer.inContextPrompt(List.of(demo1, demo2), query);
        assertArrayEquals(new int[] {2, 8}, prompt.shape().dims());
        assertArrayEquals(new int[] {1, 2, 3, 4, 9, 10, 13, 14, 5, 6, 7, 8, 11, 12, 15, 0}, prompt.toIntArray());
    }

    @Test
    void inContextContinuationReadsExactlyThatPrompt() {
        VidIclTransformer model = tiny(DType.F64);
        Tensor demo = randomTokens(6, 2, 12).reshape(2, 3, 4);
        Tensor query = randomTokens(7, 2, 4).reshape(2, 1, 4);
        Sampling sampling = new Sampling(1.0, 4);
        int[] viaContext = model.continueInContext(List.of(demo), query, 2, 4, sampling, new Generator(9)).toIntArray();
        Tensor flat = Tensor.concat(1, demo.reshape(2, 12), query.reshape(2, 4));
        int[] direct = model.generate(flat, 8, sampling, new Generator(9)).toIntArray();
        assertArrayEquals(direct, viaContext);
        assertEquals(2 * 8, viaContext.length, "two frames of four tokens for each example");
    }

    @Test
    void refusesSequencesBeyondTheTrainedContext() {
        VidIclTransformer model = tiny(DType.F32);
        IllegalArgumentException tooLong = assertThrows(IllegalArgumentException.class,
                () -> model.generate(randomTokens(8, 1, 30), 11, Sampling.greedy(), new Generator(1)));
        assertTrue(tooLong.getMessage().contains("41 positions, beyond the trained context of 40"), tooLong.getMessage());
        assertThrows(IllegalArgumentException.class, () -> model.forward(randomTokens(8, 1, 41)));
        assertThrows(tensor.ShapeException.class, () -> model.forward(Tensor.zeros(1, 4)));   // F32, not tokens
    }

    @Test
    void parameterNamesAreHuggingFacesLlama() {
        List<String> names = List.copyOf(tiny(DType.F32).stateDict().keySet());
        assertEquals("embed_tokens.weight", names.get(0));
        assertTrue(names.contains("layers.1.self_attn.q_proj.weight"));
        assertEquals(List.of("norm.weight", "lm_head.weight"), names.subList(names.size() - 2, names.size()));
        assertEquals(2 + 2 * 9 + 1, names.size(), "embedding, two blocks of nine, norm and head");
    }

    @Test
    void forwardLogitsAgreeBetweenCpuAndOpenCl() throws Exception {
        Backend cl = OpenCl.backend();
        VidIclTransformer onCpu = tiny(DType.F32);
        VidIclTransformer onCl = tiny(DType.F32);
        onCl.to(cl);
        Tensor tokens = randomTokens(10, 2, 17);
        float[] want;
        float[] got;
        try (Grad.Mode off = Grad.noGrad()) {
            want = onCpu.forward(tokens).value().toFloatArray();
            got = onCl.forward(tokens.to(cl)).value().toFloatArray();
        }
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], 1e-4 + 1e-3 * Math.abs(want[i]), "logit " + i);
        }
        assertEquals(Devices.cpu(), tokens.backend());
    }

    @Test
    void samplingOnOpenClDrawsWhatTheCpuDraws() throws Exception {
        Backend cl = OpenCl.backend();
        VidIclTransformer onCpu = tiny(DType.F32);
        VidIclTransformer onCl = tiny(DType.F32);
        onCl.to(cl);
        Tensor prompt = randomTokens(12, 2, 6);
        Sampling sampling = new Sampling(1.0, 8);
        int[] want = onCpu.generate(prompt, 12, sampling, new Generator(5)).toIntArray();
        assertArrayEquals(want, onCl.generate(prompt, 12, sampling, new Generator(5)).toIntArray(), "cached");
        assertArrayEquals(want, onCl.generateByRecomputation(prompt, 12, sampling, new Generator(5)).toIntArray(),
                "recomputed");
    }
}
