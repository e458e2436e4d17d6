package train.models;

import autograd.Variable;
import java.util.LinkedHashMap;
import java.util.Map;
import nn.Init;
import nn.Module;
import nn.Parameter;
import tensor.ConvSpec;
import tensor.Generator;
import tensor.Tensor;
import train.LossReport;
import train.TrainingTask;

/**
 * A tiny convolutional video autoencoder, the smallest real model a run can train end to end
 * (a few thousand parameters). Clips {@code [N, 3, T, H, W]} in {@code [0, 1]}:
 * <pre>
 * encoder:  conv3d 3→hidden, 3×3×3, stride (1, 2, 2)  →  SiLU  →  conv3d hidden→latent, 3×3×3
 * decoder:  conv3d latent→hidden, 3×3×3  →  SiLU  →  transposed conv3d hidden→3, 1×2×2, stride (1, 2, 2)
 * loss:     mean squared error of the reconstruction; reported with its PSNR, 10·log10(1 / MSE) dB
 * </pre>
 * Padding keeps time and (after the stride) space: {@code H/2 × W/2} latents with
 * {@code latent} channels. SiLU is {@code x·σ(x)} (Elfwing et al., 2018). Weights follow PyTorch's
 * {@code Conv3d} default init (uniform in {@code ±1/√fan_in}) and names
 * ({@code encoder_in.weight}, …, {@code decoder_out.bias}).
 */
public final class TinyVideoAutoencoder extends Module implements TrainingTask {

    /** @param hidden channels of the hidden layers; @param latent channels of the latent */
    public record Config(int hidden, int latent) {
        public static final Config DEFAULTS = new Config(8, 4);

        public Config {
            if (hidden < 1 || latent < 1) {
                throw new IllegalArgumentException("model.hidden and model.latent must be at least 1, got "
                        + hidden + " and " + latent);
            }
        }
    }

    private static final int CHANNELS = 3;
    private static final ConvSpec SAME = ConvSpec.symmetric(1, 1, 1, 1);
    private static final ConvSpec DOWN = new ConvSpec(new int[] {1, 2, 2}, new int[] {1, 1, 1}, new int[] {1, 1, 1},
            new int[] {1, 1, 1}, 1);
    private static final ConvSpec UP = new ConvSpec(new int[] {1, 2, 2}, new int[] {0, 0, 0}, new int[] {0, 0, 0},
            new int[] {1, 1, 1}, 1);

    private final Conv encoderIn;
    private final Conv encoderOut;
    private final Conv decoderIn;
    private final Conv decoderOut;

    /** A convolution's weight and bias, registered under {@code <name>.weight} and {@code <name>.bias}. */
    private static final class Conv extends Module {
        final Parameter weight;
        final Parameter bias;

        /** @param shape the weight's shape; {@code fanIn} its inputs per output */
        Conv(Generator init, int fanIn, int biasSize, int... shape) {
            weight = param("weight", Init.fanInUniform(init, fanIn, shape));
            bias = param("bias", Init.fanInUniform(init, fanIn, biasSize));
        }
    }

    public TinyVideoAutoencoder(Config config, Generator init) {
        int h = config.hidden();
        int z = config.latent();
        encoderIn = child("encoder_in", new Conv(init, CHANNELS * 27, h, h, CHANNELS, 3, 3, 3));
        encoderOut = child("encoder_out", new Conv(init, h * 27, z, z, h, 3, 3, 3));
        decoderIn = child("decoder_in", new Conv(init, z * 27, h, h, z, 3, 3, 3));
        // PyTorch's ConvTranspose3d: weight [in, out, kT, kH, kW], fan-in from weight.size(1) · kernel
        decoderOut = child("decoder_out", new Conv(init, CHANNELS * 4, CHANNELS, h, CHANNELS, 1, 2, 2));
    }

    /** {@code [N, 3, T, H, W]} to latents {@code [N, latent, T, H/2, W/2]}. */
    public Variable encode(Variable clips) {
        Variable h = Variable.conv3d(clips, encoderIn.weight.variable(), encoderIn.bias.variable(), DOWN).silu();
        return Variable.conv3d(h, encoderOut.weight.variable(), encoderOut.bias.variable(), SAME);
    }

    /** Latents back to clips. */
    public Variable decode(Variable latents) {
        Variable h = Variable.conv3d(latents, decoderIn.weight.variable(), decoderIn.bias.variable(), SAME).silu();
        return Variable.convTranspose3d(h, decoderOut.weight.variable(), decoderOut.bias.variable(), UP, 0, 0, 0);
    }

    @Override
    public LossReport loss(Tensor batch, Generator rng) {
        Variable clips = Variable.constant(batch);
        Variable mse = decode(encode(clips)).sub(clips).square().mean();
        double value = mse.value().item();
        return new LossReport(mse, Map.of("psnr_db", 10 * Math.log10(1 / value)));
    }

    @Override
    public Map<String, Tensor> samples(Tensor batch) {
        Map<String, Tensor> videos = new LinkedHashMap<>();
        videos.put("input", batch);
        videos.put("reconstruction", decode(encode(Variable.constant(batch))).value().clamp(0, 1));
        return videos;
    }

    @Override
    public void loadState(Map<String, Tensor> state) {
        loadStateDict(state, true);
    }
}
