package video.magvit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.Variable;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import nn.Parameter;
import nn.conv.LayerChecks;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.ShapeException;
import tensor.Tensor;
import train.optim.AdamW;
import video.data.World;
import video.data.WorldConfig;

class MagvitTokenizerTest {

    /** Two levels (2× down in space and time), 4 and 8 channels, 4 bits. */
    static MagvitTokenizer.Config tiny(int bits) {
        return tiny(bits, "zeros");
    }

    static MagvitTokenizer.Config tiny(int bits, String timePadding) {
        return new MagvitTokenizer.Config(3, 4, List.of(1, 2), 1, List.of(true), 2, bits, 1.0, 0.1, 0.25, "l1", true,
                timePadding);
    }

    static Tensor uniformClips(long seed, int... dims) {
        return Tensor.rand(new Generator(seed), DType.F32, dims);
    }

    @Test
    void hasOpenMagvit2StyleNames() {
        try (MagvitTokenizer model = new MagvitTokenizer(tiny(4), new Generator(1))) {
            List<String> keys = List.copyOf(model.stateDict().keySet());
            for (String key : List.of("encoder.conv_in.conv.weight", "encoder.down.0.block.0.norm1.weight",
                    "encoder.down.0.block.0.conv1.conv.weight", "encoder.down.0.downsample.conv.weight",
                    "encoder.down.1.block.0.nin_shortcut.weight", "encoder.mid_block.0.conv2.conv.bias",
                    "encoder.norm_out.weight", "encoder.conv_out.weight", "decoder.conv_in.conv.weight",
                    "decoder.adaptive.1.gamma.weight", "decoder.adaptive.0.beta.bias",
                    "decoder.up.1.upsample.conv1.conv.weight", "decoder.up.0.block.0.nin_shortcut.weight",
                    "decoder.norm_out.bias", "decoder.conv_out.conv.weight")) {
                assertTrue(keys.contains(key), key + " in " + keys);
            }
            assertTrue(keys.stream().noneMatch(k -> k.startsWith("quantize")), "LFQ has no learned state");
            // the upsampling convolution makes C·sT·2·2 channels for the depth-to-space
            assertArrayEquals(new int[] {64, 8, 3, 3, 3},
                    model.decoder.up.get(1).upsample.conv1.conv.weight.shape().dims());
        }
    }

    @Test
    void encodesToTokensAndDecodesBackToTheClipShape() {
        try (MagvitTokenizer model = new MagvitTokenizer(tiny(4), new Generator(2)); MemoryScope scope = MemoryScope.open()) {
            model.eval();
            Tensor clips = uniformClips(3, 2, 3, 5, 8, 8);
            MagvitTokenizer.Encoding enc = model.encode(clips);
            assertArrayEquals(new int[] {2, 3, 4, 4}, enc.tokens().shape().dims());
            assertEquals(DType.I32, enc.tokens().dtype());
            assertArrayEquals(new int[] {2, 4, 3, 4, 4}, enc.latents().shape().dims());
            for (int t : enc.tokens().toIntArray()) {
                assertTrue(t >= 0 && t < 16);
            }
            Tensor fromTokens = model.decode(enc.tokens());
            assertArrayEquals(clips.shape().dims(), fromTokens.shape().dims());
            assertArrayEquals(model.decode(enc.latents()).value().toFloatArray(), fromTokens.toFloatArray(), 1e-6f);
            assertThrows(ShapeException.class, () -> model.encode(uniformClips(4, 1, 3, 4, 8, 8)), "T must be 1 + 2k");
        }
    }

    @Test
    void anImageTokenizesAsTheFirstFrameOfAVideoAndDecodingIsCausal() {
        for (String padding : List.of("zeros", "replicate")) {
            imageIsTheFirstFrameOfAVideo(new MagvitTokenizer.Config(3, 4, List.of(1, 2, 2), 1, List.of(true, true),
                    2, 6, 1.0, 0.1, 0.25, "l1", true, padding));
        }
    }

    private static void imageIsTheFirstFrameOfAVideo(MagvitTokenizer.Config twoTimeDowns) {
        try (MagvitTokenizer model = new MagvitTokenizer(twoTimeDowns, new Generator(5)); MemoryScope scope = MemoryScope.open()) {
            model.eval();
            Tensor video = uniformClips(6, 2, 3, 9, 8, 8);
            Tensor image = video.slice(2, 0, 1).contiguous();
            MagvitTokenizer.Encoding whole = model.encode(video);
            assertArrayEquals(new int[] {2, 3, 2, 2}, whole.tokens().shape().dims(), "1 + 4k frames → 1 + k latents");
            MagvitTokenizer.Encoding alone = model.encode(image);
            assertArrayEquals(whole.tokens().slice(1, 0, 1).contiguous().toIntArray(), alone.tokens().toIntArray());
            // the same holds for every prefix of 1 + 4j frames, and the latents before quantization agree too
            Variable zWhole = model.encoder.forward(Variable.constant(video.mul(2).sub(1)));
            Variable zPrefix = model.encoder.forward(Variable.constant(video.slice(2, 0, 5).contiguous().mul(2).sub(1)));
            assertArrayEquals(zWhole.value().slice(2, 0, 2).contiguous().toFloatArray(), zPrefix.value().toFloatArray(), 1e-5f);
            // decoding: output frames 0..4 are made from latent frames 0..1 alone
            Tensor decodedWhole = model.decode(whole.tokens());
            Tensor decodedPrefix = model.decode(whole.tokens().slice(1, 0, 2).contiguous());
            assertArrayEquals(decodedWhole.slice(2, 0, 5).contiguous().toFloatArray(), decodedPrefix.toFloatArray(), 1e-5f);
        }
    }

    @Test
    void withReplicatePaddingAStillClipGetsTheSameCodesInEveryFrame() {
        try (MagvitTokenizer model = new MagvitTokenizer(tiny(6, "replicate"), new Generator(21));
                MemoryScope scope = MemoryScope.open()) {
            model.eval();
            Tensor frame = uniformClips(22, 2, 3, 1, 8, 8);
            Variable z = model.encoder.forward(Variable.constant(Tensor.concat(2, frame, frame, frame, frame, frame)
                    .mul(2).sub(1)));
            assertEquals(3, z.shape().dim(2), "5 frames → 3 latent frames");
            assertEveryFrameIsTheFirst(z.value(), 1e-6f, "latent");
        }
    }

    @Test
    void withReplicatePaddingStillCodesDecodeToAStillClip() {
        MagvitTokenizer.Config noTimeDown = new MagvitTokenizer.Config(3, 4, List.of(1, 2), 1, List.of(false), 2, 6, 1.0,
                0.1, 0.25, "l1", true, "replicate");
        try (MagvitTokenizer model = new MagvitTokenizer(noTimeDown, new Generator(23)); MemoryScope scope = MemoryScope.open()) {
            model.eval();
            Tensor firstCodes = model.encode(uniformClips(24, 2, 3, 1, 8, 8)).tokens();
            Tensor decoded = model.decode(Tensor.concat(1, firstCodes, firstCodes, firstCodes, firstCodes));
            assertEquals(4, decoded.dim(2));
            assertEveryFrameIsTheFirst(decoded, 1e-5f, "decoded");
        }
    }

    private static void assertEveryFrameIsTheFirst(Tensor clips, float tolerance, String what) {
        float[] first = clips.slice(2, 0, 1).contiguous().toFloatArray();
        for (int t = 1; t < clips.dim(2); t++) {
            assertArrayEquals(first, clips.slice(2, t, t + 1).contiguous().toFloatArray(), tolerance,
                    what + " frame " + t + " of a still clip");
        }
    }

    @Test
    void withZeroPaddingAStillClipsCodesChangeOverItsFirstFrames() {
        // the reason REPLICATE exists: zero frames in front make frame 0's window differ from later ones
        try (MagvitTokenizer model = new MagvitTokenizer(tiny(6), new Generator(21)); MemoryScope scope = MemoryScope.open()) {
            model.eval();
            Tensor frame = uniformClips(22, 2, 3, 1, 8, 8);
            Variable z = model.encoder.forward(Variable.constant(Tensor.concat(2, frame, frame, frame).mul(2).sub(1)));
            float[] first = z.value().slice(2, 0, 1).contiguous().toFloatArray();
            float[] second = z.value().slice(2, 1, 2).contiguous().toFloatArray();
            assertTrue(maxDifference(first, second) > 1e-3, "zero padding should tell frame 0 from frame 2");
        }
    }

    @Test
    void anUnknownTimePaddingIsAConfigError() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tiny(4, "reflect"));
        assertTrue(e.getMessage().contains("\"reflect\"") && e.getMessage().contains("replicate"), e.getMessage());
    }

    private static double maxDifference(float[] a, float[] b) {
        double max = 0;
        for (int i = 0; i < a.length; i++) {
            max = Math.max(max, Math.abs(a[i] - b[i]));
        }
        return max;
    }

    @Test
    void encoderGradientsMatchFiniteDifferences() {
        try (MagvitTokenizer model = new MagvitTokenizer(tiny(3), new Generator(7)); MemoryScope scope = MemoryScope.open()) {
            LayerChecks.gradcheck(model.encoder, model.encoder::forward, LayerChecks.uniform(new Random(8), 1, 3, 3, 4, 4));
        }
    }

    @Test
    void decoderGradientsMatchFiniteDifferences() {
        try (MagvitTokenizer model = new MagvitTokenizer(tiny(3), new Generator(9)); MemoryScope scope = MemoryScope.open()) {
            LayerChecks.gradcheck(model.decoder, model.decoder::forward, LayerChecks.uniform(new Random(10), 1, 3, 2, 2, 2));
        }
    }

    @Test
    void openClMatchesTheCpuReferenceInF32() throws Exception {
        try (MagvitTokenizer model = new MagvitTokenizer(tiny(4), new Generator(13)); MemoryScope scope = MemoryScope.open()) {
            LayerChecks.assertClMatchesCpu(model.encoder, model.encoder::forward, LayerChecks.uniform(new Random(14), 2, 3, 5, 8, 8), 2e-3);
            // the decoder from ±1 latents, as LFQ gives them
            Tensor latents = LayerChecks.uniform(new Random(15), 2, 4, 3, 4, 4).gt(0).to(DType.F64).mul(2).sub(1);
            LayerChecks.assertClMatchesCpu(model.decoder, model.decoder::forward, latents, 2e-3);
        }
    }

    @Test
    void trainingOnWorldClipsLowersTheReconstructionLoss() {
        World world = new World(WorldConfig.defaults(18).withFrames(5, 1), 11);
        MagvitTokenizer.Config config = new MagvitTokenizer.Config(3, 8, List.of(1, 2), 1, List.of(true), 4, 6, 1.0,
                0.1, 0.25, "l1", true, "zeros");
        try (MagvitTokenizer model = new MagvitTokenizer(config, new Generator(12));
                AdamW optimizer = AdamW.of(variables(model), AdamW.defaults().withLr(3e-3))) {
            List<Double> losses = new ArrayList<>();
            for (int step = 0; step < 16; step++) {
                try (MemoryScope scope = MemoryScope.open()) {
                    Tensor batch = batch(world, (step % 4) * 2L, 2);
                    MagvitTokenizer.Step s = model.forward(batch);
                    s.loss().backward();
                    losses.add(s.reconstruction().value().item());
                    optimizer.step();
                    optimizer.zeroGrad();
                }
            }
            double first = (losses.get(0) + losses.get(1) + losses.get(2)) / 3;
            double last = (losses.get(13) + losses.get(14) + losses.get(15)) / 3;
            assertTrue(last < 0.7 * first, "reconstruction L1 went from " + first + " to " + last + ": " + losses);
        }
    }

    static Tensor batch(World world, long first, int n) {
        List<Tensor> clips = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            clips.add(world.video(first + i).clip().toTensor());
        }
        return Tensor.stack(0, clips);
    }

    static List<Variable> variables(MagvitTokenizer model) {
        return model.parameters().stream().map(Parameter::variable).toList();
    }
}
