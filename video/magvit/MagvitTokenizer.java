package video.magvit;

import autograd.Variable;
import java.util.List;
import nn.AdaptiveGroupNorm;
import nn.GroupNorm;
import nn.Module;
import nn.ModuleList;
import nn.conv.CausalConv3d;
import nn.conv.Conv3d;
import nn.conv.DepthToSpace3d;
import nn.conv.ResidualBlock;
import nn.conv.TimePadding;
import nn.quant.LookupFreeQuantizer;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Shape;
import tensor.ShapeException;
import tensor.Tensor;
import video.metrics.Psnr;
import video.metrics.Ssim;

/**
 * The MAGVIT-v2 video tokenizer (Yu et al., "Language Model Beats Diffusion — Tokenizer is Key to
 * Visual Generation", ICLR 2024): a causal 3D-convolutional encoder, lookup-free quantization (LFQ)
 * to {@code d} bits per latent position, and a decoder that mirrors the encoder with adaptive
 * GroupNorm and depth-to-space upsampling. Clips are {@code [N, C, T, H, W]} in {@code [0, 1]}
 * (mapped to {@code [−1, 1]} inside).
 * <pre>
 *   encoder:  conv_in (causal 3×3×3, C → ch)
 *             for each level i: res_blocks × ResBlock(→ ch·mult[i]);
 *                               between levels a strided causal 3×3×3 conv, stride (2 or 1, 2, 2)
 *             mid: res_blocks × ResBlock;  GN → swish → conv_out 1×1×1 to d;  [GN without affine]
 *   LFQ:      q = sign(z) ∈ {−1, +1}^d, token Σ_k [z_k > 0]·2^k, straight-through gradient
 *   decoder:  conv_in (causal 3×3×3, d → ch·mult[last]); mid: res_blocks × ResBlock
 *             for each level i, last to first: AdaptiveGroupNorm(h, q);  res_blocks × ResBlock(→ ch·mult[i]);
 *                               between levels: causal conv to ch·sT·2·2, depth-to-space (sT, 2, 2),
 *                               drop the first sT − 1 frames
 *             GN → swish → conv_out (causal 3×3×3, → C)
 *   loss:     |x̂ − x| (or (x̂ − x)²) + entropy_weight·(H_sample − γ·H_codebook) + commitment_weight·‖z − sg(q)‖²
 * </pre>
 * ResBlock is {@link ResidualBlock}: GN → swish → causal conv3 → GN → swish → causal conv3, plus the
 * input (through a 1×1×1 {@code nin_shortcut} when the channel count changes).
 *
 * <h2>Causality: one tokenizer for images and videos</h2>
 * Every convolution is causal in time ({@link CausalConv3d}: front padding only), a time downsampling
 * keeps the first frame alone (a clip of {@code 1 + 4k} frames becomes {@code 1 + 2k}, then
 * {@code 1 + k} latent frames), and every normalisation takes its statistics per frame
 * ({@link PerFrame}). So latent frame {@code j} depends only on input frames {@code ≤ 4j}: frame 0
 * of a video tokenizes exactly as the image alone ({@code T = 1}). The decoder is causal the same
 * way: depth-to-space turns latent frame {@code j} into frames {@code 2j, 2j + 1}; dropping the first
 * leaves output frame {@code t} made from latent frame {@code ⌈t/2⌉}, and the adaptive norms read
 * {@code q} at that frame.
 *
 * <p>What the causal convolutions pad in front is a setting ({@code time_padding}, {@link TimePadding}):
 * zeros as in the paper, or copies of the first frame. With zeros a still scene's codes differ from
 * frame to frame until the padding has left every layer's window (the shipped 16×16 tokenizer changes
 * ~98% of a still clip's codes between frames 1 and 2); with {@code "replicate"} they are equal in every
 * frame, which a model over the codes needs to see what moved.
 *
 * <h2>Reference and names</h2>
 * The layout and parameter names follow the public PyTorch reimplementation Open-MAGVIT2 (TencentARC,
 * {@code taming/modules/magvit2}: {@code Encoder}/{@code Decoder} with {@code conv_in},
 * {@code down.i.block.j}, {@code down.i.downsample}, {@code mid_block.j}, {@code norm_out},
 * {@code conv_out}; {@code up.i.block.j}, {@code up.i.upsample.conv1}, {@code adaptive.i}; the
 * quantizer as {@code quantize}), made 3D and causal: each causal convolution holds its
 * {@link Conv3d} as {@code .conv} as in lucidrains' magvit2-pytorch {@code CausalConv3d}. Where
 * Open-MAGVIT2 is image-only, the time axis follows the paper (strided causal convolutions down,
 * depth-to-space up).
 */
public final class MagvitTokenizer extends Module {

    /**
     * The architecture and the loss, read from the {@code model} section of a training config
     * ({@code snake_case} keys).
     *
     * @param inChannels          channels of the clips (3 for RGB)
     * @param channels            channels of the first level ({@code ch})
     * @param channelMultipliers  {@code mult[i]}: level {@code i} has {@code ch·mult[i]} channels; one spatial
     *                            downsampling (×2) between consecutive levels
     * @param resBlocks           residual blocks per level (and in the middle)
     * @param temporalDownsample  for each of the {@code levels − 1} downsamplings, whether it also halves time
     * @param groups              GroupNorm groups (must divide every channel count)
     * @param bits                {@code d}: LFQ bits per token, codebook {@code 2^d}
     * @param entropyGamma        γ of the LFQ entropy loss (1.0; MAGVIT-v2 uses 2.5)
     * @param entropyWeight       weight of the entropy loss (0.1)
     * @param commitmentWeight    weight of the commitment loss (0.25)
     * @param reconstruction      {@code "l1"} or {@code "l2"}
     * @param quantizerNorm       a GroupNorm without affine (one group, per frame) right before LFQ
     * @param timePadding         {@code "zeros"} (the paper's causal convolution) or {@code "replicate"}
     *                            (copies of the first frame: a still scene gets the same codes in every
     *                            frame; see {@link TimePadding})
     */
    public record Config(int inChannels, int channels, List<Integer> channelMultipliers, int resBlocks,
                         List<Boolean> temporalDownsample, int groups, int bits, double entropyGamma,
                         double entropyWeight, double commitmentWeight, String reconstruction,
                         boolean quantizerNorm, String timePadding) {

        /**
         * The shipped tokenizer (configs/tokenizer.json): RGB, 16 channels, levels ×(1, 2): 2× down in
         * space, none in time (one latent frame per frame); 10 bits; L2 reconstruction. The entropy
         * weight is 0.002 and the commitment weight 0.02, not MAGVIT-v2's 0.1 and 0.25: at these sizes
         * the L2 term is ~0.05 and larger weights let the auxiliary losses drive the encoder. The
         * entropy term's codebook part spreads every token over the codebook, while the clips of the
         * in-context world are mostly flat background that needs few codes: at 0.02 it cost 3.3 dB of
         * held-out PSNR at 2,500 steps (22.9 against 26.2 dB); at 0 a batch uses only ~10% of the codes
         * and it reaches 24.3 dB.
         */
        public static final Config DEFAULTS = new Config(3, 16, List.of(1, 2), 1, List.of(false), 8, 10,
                1.0, 0.002, 0.02, "l2", true, "zeros");

        public Config {
            channelMultipliers = List.copyOf(channelMultipliers);
            temporalDownsample = List.copyOf(temporalDownsample);
            require(inChannels >= 1 && channels >= 1 && resBlocks >= 1, "in_channels, channels and res_blocks must be "
                    + "≥ 1, got " + inChannels + ", " + channels + ", " + resBlocks);
            require(!channelMultipliers.isEmpty() && channelMultipliers.stream().allMatch(m -> m >= 1),
                    "channel_multipliers must be a non-empty list of values ≥ 1, got " + channelMultipliers);
            require(temporalDownsample.size() == channelMultipliers.size() - 1, "temporal_downsample needs one entry per "
                    + "downsampling (levels − 1 = " + (channelMultipliers.size() - 1) + "), got " + temporalDownsample);
            for (int m : channelMultipliers) {
                require(groups >= 1 && (channels * m) % groups == 0, groups + " groups must divide every level's channels "
                        + channels + "·" + m);
            }
            require(reconstruction.equals("l1") || reconstruction.equals("l2"),
                    "reconstruction must be \"l1\" or \"l2\", got \"" + reconstruction + "\"");
            new LookupFreeQuantizer.Config(bits, 0.01, entropyGamma, entropyWeight, commitmentWeight);
            try {
                TimePadding.named(timePadding);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("MagvitTokenizer: " + e.getMessage(), e);
            }
        }

        TimePadding padding() {
            return TimePadding.named(timePadding);
        }

        private static void require(boolean ok, String problem) {
            if (!ok) {
                throw new IllegalArgumentException("MagvitTokenizer: " + problem);
            }
        }

        int levels() {
            return channelMultipliers.size();
        }

        int levelChannels(int level) {
            return channels * channelMultipliers.get(level);
        }

        /** Time stride of the downsampling after {@code level}. */
        int timeStride(int level) {
            return temporalDownsample.get(level) ? 2 : 1;
        }

        /** How much the encoder shrinks each spatial side. */
        public int spaceFactor() {
            return 1 << (levels() - 1);
        }

        /** How much the encoder shrinks time (after the first frame). */
        public int timeFactor() {
            return (int) Math.pow(2, temporalDownsample.stream().filter(b -> b).count());
        }

        LookupFreeQuantizer.Config quantizer() {
            return new LookupFreeQuantizer.Config(bits, 0.01, entropyGamma, entropyWeight, commitmentWeight);
        }
    }

    /**
     * A clip as tokens.
     *
     * @param tokens    I32 {@code [N, T', H', W']}, {@code T' = 1 + (T − 1)/timeFactor}, {@code H' = H/spaceFactor}
     * @param latents   the quantized latents {@code [N, d, T', H', W']} (±1, straight-through gradient)
     * @param quantizer everything LFQ reported (its losses are zero in evaluation mode)
     */
    public record Encoding(Tensor tokens, Variable latents, LookupFreeQuantizer.Result quantizer) {}

    /**
     * One training forward pass.
     *
     * @param loss           {@code reconstruction + quantizer.loss}, to minimise
     * @param reconstruction the L1 or L2 reconstruction term (in the model's {@code [−1, 1]} space)
     * @param input          the clips in {@code [0, 1]}
     * @param output         the reconstructed clips in {@code [0, 1]} (clamped)
     */
    public record Step(Variable loss, Variable reconstruction, LookupFreeQuantizer.Result quantizer, Tensor input,
                       Tensor output) {

        /** The fraction of the {@code 2^d} codes the batch used. */
        public double codebookUsage() {
            return quantizer.usage().usedFraction();
        }

        /** {@link Psnr} of the output against the input (dB). */
        public double psnr() {
            return Psnr.of(output, input);
        }

        /** {@link Ssim} of the output against the input. */
        public double ssim() {
            return Ssim.of(output, input);
        }
    }

    private final Config config;
    public final Encoder encoder;
    public final LookupFreeQuantizer quantize;
    public final Decoder decoder;

    public MagvitTokenizer(Config config, Generator init) {
        this.config = config;
        this.encoder = child("encoder", new Encoder(config, init));
        this.quantize = child("quantize", new LookupFreeQuantizer(config.quantizer()));
        this.decoder = child("decoder", new Decoder(config, init));
    }

    public Config config() {
        return config;
    }

    /** Clips {@code [N, C, T, H, W]} in {@code [0, 1]} to tokens and quantized latents. */
    public Encoding encode(Tensor clips) {
        checkClips(clips.shape());
        LookupFreeQuantizer.Result q = quantize.forward(encoder.forward(Variable.constant(clips.mul(2).sub(1))));
        return new Encoding(q.codes(), q.quantized(), q);
    }

    /** Tokens {@code [N, T', H', W']} (I32) back to clips {@code [N, C, T, H, W]} in {@code [0, 1]}. */
    public Tensor decode(Tensor tokens) {
        try (MemoryScope scope = MemoryScope.open()) {
            return scope.keep(decode(Variable.constant(quantize.dequantize(tokens))).value());
        }
    }

    /** Quantized latents {@code [N, d, T', H', W']} back to clips in {@code [0, 1]} (clamped). */
    public Variable decode(Variable latents) {
        return decoder.forward(latents).add(1).mul(0.5).clamp(0, 1);
    }

    /** Encode, quantize, decode, and the training loss. */
    public Step forward(Tensor clips) {
        Encoding encoding = encode(clips);
        Variable target = Variable.constant(clips.mul(2).sub(1));
        Variable error = decoder.forward(encoding.latents()).sub(target);
        Variable reconstruction = config.reconstruction().equals("l1") ? error.abs().mean() : error.square().mean();
        Tensor output = error.value().add(target.value()).add(1).mul(0.5).clamp(0, 1);
        return new Step(reconstruction.add(encoding.quantizer().loss()), reconstruction, encoding.quantizer(), clips,
                output);
    }

    private void checkClips(Shape s) {
        int time = config.timeFactor();
        int space = config.spaceFactor();
        if (s.rank() != 5 || s.dim(1) != config.inChannels() || (s.dim(2) - 1) % time != 0 || s.dim(3) % space != 0
                || s.dim(4) % space != 0) {
            throw new ShapeException("MagvitTokenizer", "clips must be [N, " + config.inChannels() + ", 1 + " + time
                    + "k, H, W] with H and W divisible by " + space + ", got " + s);
        }
    }

    /** Clips in {@code [−1, 1]} to the continuous latents {@code z [N, d, T', H', W']} that LFQ quantizes. */
    public static final class Encoder extends Module {
        private final Config config;
        public final CausalConv3d convIn;
        public final ModuleList<Level> down;
        public final ModuleList<ResidualBlock> midBlock;
        public final GroupNorm normOut;
        public final Conv3d convOut;

        /** One resolution: its residual blocks, then (except the last) the strided downsampling. */
        public static final class Level extends Module {
            public final ModuleList<ResidualBlock> block;
            /** Null on the last level. */
            public final CausalConv3d downsample;

            Level(Config config, int level, int inChannels, Generator init) {
                this.block = child("block", blocks(inChannels, config.levelChannels(level), config, init));
                int c = config.levelChannels(level);
                this.downsample = level == config.levels() - 1 ? null : child("downsample", new CausalConv3d(c, c,
                        new int[] {3, 3, 3}, new int[] {config.timeStride(level), 2, 2}, 1, config.padding(), init));
            }
        }

        Encoder(Config config, Generator init) {
            this.config = config;
            this.convIn = child("conv_in", new CausalConv3d(config.inChannels(), config.channels(), 3, config.padding(), init));
            this.down = child("down", new ModuleList<>());
            int c = config.channels();
            for (int level = 0; level < config.levels(); level++) {
                down.add(new Level(config, level, c, init));
                c = config.levelChannels(level);
            }
            this.midBlock = child("mid_block", blocks(c, c, config, init));
            this.normOut = child("norm_out", new GroupNorm(config.groups(), c));
            this.convOut = child("conv_out", new Conv3d(c, config.bits(), 1, 1, 0, init));
        }

        public Variable forward(Variable x) {
            Variable h = convIn.forward(x);
            for (Level level : down) {
                for (ResidualBlock b : level.block) {
                    h = PerFrame.residual(b, h);
                }
                if (level.downsample != null) {
                    h = level.downsample.forward(h);
                }
            }
            for (ResidualBlock b : midBlock) {
                h = PerFrame.residual(b, h);
            }
            Variable z = convOut.forward(PerFrame.groupNorm(normOut, h).silu());
            return config.quantizerNorm() ? PerFrame.groupNorm(z, 1, null, null) : z;
        }
    }

    /** Quantized latents {@code q [N, d, T', H', W']} to clips in {@code [−1, 1]}. */
    public static final class Decoder extends Module {
        private final Config config;
        public final CausalConv3d convIn;
        public final ModuleList<ResidualBlock> midBlock;
        /** {@code up.i} belongs to level {@code i}; they run from the last level to the first. */
        public final ModuleList<Level> up;
        /** {@code adaptive.i}: the adaptive GroupNorm at the start of level {@code i}. */
        public final ModuleList<AdaptiveGroupNorm> adaptive;
        public final GroupNorm normOut;
        public final CausalConv3d convOut;

        /** One resolution: its residual blocks, then (except level 0) the depth-to-space upsampling. */
        public static final class Level extends Module {
            public final ModuleList<ResidualBlock> block;
            /** Null on level 0. */
            public final Upsample upsample;

            Level(Config config, int level, int inChannels, Generator init) {
                int c = config.levelChannels(level);
                this.block = child("block", blocks(inChannels, c, config, init));
                this.upsample = level == 0 ? null : child("upsample", new Upsample(c, config.timeStride(level - 1),
                        config.padding(), init));
            }
        }

        /**
         * MAGVIT-v2's upsampling: a causal 3×3×3 convolution to {@code C·sT·2·2} channels, depth-to-space
         * ({@link DepthToSpace3d}, PyTorch's {@code pixel_shuffle} channel order), then the first
         * {@code sT − 1} frames dropped so that {@code 1 + k} frames become {@code 1 + sT·k}.
         */
        public static final class Upsample extends Module {
            private final int timeStride;
            public final CausalConv3d conv1;
            private final DepthToSpace3d depthToSpace;

            Upsample(int channels, int timeStride, TimePadding timePadding, Generator init) {
                this.timeStride = timeStride;
                this.conv1 = child("conv1", new CausalConv3d(channels, channels * timeStride * 4, 3, timePadding, init));
                this.depthToSpace = new DepthToSpace3d(timeStride, 2, 2);
            }

            public Variable forward(Variable x) {
                Variable y = depthToSpace.forward(conv1.forward(x));
                return timeStride == 1 ? y : y.slice(2, timeStride - 1, y.shape().dim(2));
            }
        }

        Decoder(Config config, Generator init) {
            this.config = config;
            int c = config.levelChannels(config.levels() - 1);
            this.convIn = child("conv_in", new CausalConv3d(config.bits(), c, 3, config.padding(), init));
            this.midBlock = child("mid_block", blocks(c, c, config, init));
            Level[] levels = new Level[config.levels()];
            AdaptiveGroupNorm[] norms = new AdaptiveGroupNorm[config.levels()];
            for (int level = config.levels() - 1; level >= 0; level--) {
                norms[level] = new AdaptiveGroupNorm(config.groups(), c, config.bits(), init);
                levels[level] = new Level(config, level, c, init);
                c = config.levelChannels(level);
            }
            this.up = child("up", new ModuleList<>(List.of(levels)));
            this.adaptive = child("adaptive", new ModuleList<>(List.of(norms)));
            this.normOut = child("norm_out", new GroupNorm(config.groups(), c));
            this.convOut = child("conv_out", new CausalConv3d(c, config.inChannels(), 3, config.padding(), init));
        }

        public Variable forward(Variable q) {
            Variable h = convIn.forward(q);
            for (ResidualBlock b : midBlock) {
                h = PerFrame.residual(b, h);
            }
            for (int level = config.levels() - 1; level >= 0; level--) {
                h = PerFrame.adaptiveGroupNorm(adaptive.get(level), h, alignedInTime(q, h.shape().dim(2)));
                for (ResidualBlock b : up.get(level).block) {
                    h = PerFrame.residual(b, h);
                }
                if (up.get(level).upsample != null) {
                    h = up.get(level).upsample.forward(h);
                }
            }
            return convOut.forward(PerFrame.groupNorm(normOut, h).silu());
        }

        /**
         * {@code q [N, d, T', h, w]} repeated in time to {@code frames = 1 + r·(T' − 1)} frames the
         * way the upsampling spreads it: frame {@code t} takes latent frame {@code ⌈t/r⌉}.
         */
        private static Variable alignedInTime(Variable q, int frames) {
            int latentFrames = q.shape().dim(2);
            if (frames == latentFrames) {
                return q;
            }
            int r = (frames - 1) / (latentFrames - 1);
            int[] index = new int[frames];
            for (int t = 0; t < frames; t++) {
                index[t] = (t + r - 1) / r;
            }
            return q.indexSelect(2, Tensor.of(index, frames).to(q.value().backend()));
        }
    }

    /** {@code resBlocks} residual blocks, the first from {@code in} to {@code out} channels, the rest {@code out → out}. */
    private static ModuleList<ResidualBlock> blocks(int in, int out, Config config, Generator init) {
        ModuleList<ResidualBlock> list = new ModuleList<>();
        for (int i = 0; i < config.resBlocks(); i++) {
            list.add(new ResidualBlock(i == 0 ? in : out, out, config.groups(), config.padding(), init));
        }
        return list;
    }

    @Override
    public String toString() {
        return "MagvitTokenizer(" + config + ", " + numParameters() + " parameters)";
    }
}
