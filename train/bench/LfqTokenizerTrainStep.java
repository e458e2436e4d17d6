package train.bench;

import autograd.Variable;
import java.util.ArrayList;
import java.util.List;
import nn.Module;
import nn.Parameter;
import nn.conv.CausalConv3d;
import nn.conv.Conv3d;
import nn.conv.ResidualBlock;
import nn.quant.LookupFreeQuantizer;
import tensor.ConvSpec;
import tensor.DType;
import tensor.Generator;
import tensor.Tensor;
import train.optim.AdamW;

/**
 * One training step of a small LFQ video tokenizer, the fixed spec (comparable with the
 * same model in PyTorch): input {@code x [4, 3, 9, 32, 32]},
 * <pre>
 * encoder: causal conv3 3→32, ResBlock, conv 1×4×4 stride 1×4×4 (32→32), ResBlock, conv 1×1×1 32→10, LFQ (d = 10)
 * decoder: conv 1×1×1 10→32, ResBlock, nearest upsampling ×(1, 4, 4), ResBlock, causal conv3 32→3
 * loss:    mean((x̂ − x)²) + 0.1·(H_sample − 1.0·H_codebook)
 * </pre>
 * then backward and an AdamW step (PyTorch's defaults). ResBlock is {@link ResidualBlock} with
 * GroupNorm(8) over whole clips; causal conv3 is {@link CausalConv3d} (kernel 3, two frames of front
 * padding, space padding 1). Reported as clips per second.
 */
public record LfqTokenizerTrainStep() implements Workload {
    static final int BATCH = 4, CHANNELS = 32, FRAMES = 9, SIZE = 32, BITS = 10;

    @Override
    public String name() {
        return "lfq_tokenizer_c32_T9_S32_B4_trainstep";
    }

    /** The model of the spec; parameters in PyTorch's default initialisation. */
    static final class Model extends Module {
        final CausalConv3d convIn;
        final ResidualBlock encoderBlock1;
        final Conv3d patchDown;
        final ResidualBlock encoderBlock2;
        final Conv3d toBits;
        final LookupFreeQuantizer quantizer;
        final Conv3d fromBits;
        final ResidualBlock decoderBlock1;
        final ResidualBlock decoderBlock2;
        final CausalConv3d convOut;

        Model(Generator init) {
            convIn = child("conv_in", new CausalConv3d(3, CHANNELS, 3, init));
            encoderBlock1 = child("enc_block1", new ResidualBlock(CHANNELS, CHANNELS, 8, init));
            patchDown = child("down", new Conv3d(CHANNELS, CHANNELS, new int[] {1, 4, 4},
                    new ConvSpec(new int[] {1, 4, 4}, new int[3], new int[3], new int[] {1, 1, 1}, 1), true, init));
            encoderBlock2 = child("enc_block2", new ResidualBlock(CHANNELS, CHANNELS, 8, init));
            toBits = child("to_bits", new Conv3d(CHANNELS, BITS, 1, 1, 0, init));
            quantizer = child("lfq", new LookupFreeQuantizer(new LookupFreeQuantizer.Config(BITS, 0.01, 1.0, 0.1, 0)));
            fromBits = child("from_bits", new Conv3d(BITS, CHANNELS, 1, 1, 0, init));
            decoderBlock1 = child("dec_block1", new ResidualBlock(CHANNELS, CHANNELS, 8, init));
            decoderBlock2 = child("dec_block2", new ResidualBlock(CHANNELS, CHANNELS, 8, init));
            convOut = child("conv_out", new CausalConv3d(CHANNELS, 3, 3, init));
        }

        Variable loss(Variable x) {
            Variable h = encoderBlock2.forward(patchDown.forward(encoderBlock1.forward(convIn.forward(x))));
            LookupFreeQuantizer.Result q = quantizer.forward(toBits.forward(h));
            h = decoderBlock1.forward(fromBits.forward(q.quantized()));
            Variable y = convOut.forward(decoderBlock2.forward(nearestUpsample(h, 4)));
            return y.sub(x).square().mean().add(q.loss());
        }
    }

    /** Nearest-neighbour upsampling ×(1, s, s): {@code y[n, c, t, h, w] = x[n, c, t, ⌊h/s⌋, ⌊w/s⌋]}, by a broadcast and a reshape. */
    static Variable nearestUpsample(Variable x, int s) {
        int[] d = x.shape().dims();
        return x.reshape(d[0], d[1], d[2], d[3], 1, d[4], 1)
                .expand(d[0], d[1], d[2], d[3], s, d[4], s)
                .reshape(d[0], d[1], d[2], d[3] * s, d[4] * s);
    }

    @Override
    public Trial prepare(Generator gen) {
        Model model = new Model(gen);
        List<Variable> params = new ArrayList<>();
        for (Parameter p : model.parameters()) {
            params.add(p.variable());
        }
        AdamW optimizer = AdamW.of(params, AdamW.defaults());
        Tensor x = Tensor.rand(gen, DType.F32, BATCH, 3, FRAMES, SIZE, SIZE);
        return Trial.afterFirstStep(() -> {
            model.loss(Variable.constant(x)).backward();
            optimizer.step();
            optimizer.zeroGrad();
        }, new Work("clips_per_s", BATCH, 1));
    }
}
