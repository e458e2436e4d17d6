package tensor.catalogue;

import autograd.Variable;
import java.util.List;
import tensor.ConvSpec;
import tensor.Shape;
import tensor.Tensor;
import tensor.testing.Cases;
import tensor.testing.Domain;
import tensor.testing.Input;
import tensor.testing.NdArray;
import tensor.testing.OpInfo;
import tensor.testing.Sample;

/**
 * conv3d, conv2d and conv3d's two gradients. One reference visits every (output position, weight
 * tap, input position) triple of the convolution's definition; the forward pass and both
 * gradients are three accumulations over the same triples. The two gradients are primitives of
 * conv3d's backward rule, not ops of autograd (no double backward), so only conv3d and conv2d
 * carry gradient checks.
 */
public final class ConvolutionOps {
    private ConvolutionOps() {}

    /** A convolution sample's geometry: input {@code [N, C, T, H, W]}, weight {@code [O, C/groups, kT, kH, kW]}. */
    public record Geometry(int[] input, int[] weight, ConvSpec spec, boolean bias) {
        int[] output() {
            int[] out = {input[0], weight[0], 0, 0, 0};
            for (int a = 0; a < 3; a++) {
                out[2 + a] = spec.outputSize(a, input[2 + a], weight[2 + a]);
            }
            return out;
        }

        @Override
        public String toString() {
            return "input=" + java.util.Arrays.toString(input) + ", weight=" + java.util.Arrays.toString(weight)
                    + ", " + spec + ", bias=" + bias;
        }
    }

    public static List<OpInfo<?>> all() {
        return List.of(conv3d(), conv2d(), inputGrad(), weightGrad());
    }

    /** Random geometry; {@code flat} keeps T = 1 with no time padding (conv2d). */
    static Geometry geometry(Cases c, boolean flat) {
        int groups = c.nextInt(1, 2);
        int cin = groups * c.nextInt(1, 2), cout = groups * c.nextInt(1, 2);
        int[] stride = new int[3], before = new int[3], after = new int[3], dilation = new int[3];
        int[] in = {c.nextInt(1, 2), cin, 1, 1, 1};
        int[] w = {cout, cin / groups, 1, 1, 1};
        for (int a = flat ? 1 : 0; a < 3; a++) {
            in[2 + a] = c.nextInt(1, c.size() + 1);
            w[2 + a] = c.nextInt(1, 3);
            stride[a] = c.nextInt(1, 2);
            dilation[a] = c.nextInt(1, 2);
            before[a] = c.nextInt(0, 1);
            after[a] = flat ? before[a] : c.nextInt(0, 1);
        }
        for (int a = 0; a < 3; a++) {
            stride[a] = Math.max(stride[a], 1);
            dilation[a] = Math.max(dilation[a], 1);
        }
        if (flat) {
            // conv2d takes one stride, padding and dilation for both axes
            stride[2] = stride[1];
            dilation[2] = dilation[1];
            before[2] = after[2] = after[1] = before[1];
        }
        for (int a = 0; a < 3; a++) {
            // at least one output position: the padded input covers the dilated kernel
            int span = dilation[a] * (w[2 + a] - 1) + 1;
            in[2 + a] = Math.max(in[2 + a], span - before[a] - after[a]);
        }
        return new Geometry(in, w, new ConvSpec(stride, before, after, dilation, groups), c.nextBoolean());
    }

    /** What to do at each (output, weight, input) triple: indices are flat positions. */
    interface Tap {
        void visit(int out, int weight, int input);
    }

    /**
     * Visits {@code out[n, o, t, h, w] ← x[n, g·C/G + c, t·s − p + i·d, …] · w[o, c, i, j, k]} for every
     * term whose input position lies inside the input (zero padding contributes nothing).
     */
    static void forEachTap(Geometry g, Tap tap) {
        int[] x = g.input(), w = g.weight(), y = g.output();
        ConvSpec s = g.spec();
        int groups = s.groups();
        int cPerGroup = w[1], oPerGroup = w[0] / groups;
        NdArray xi = NdArray.zeros(x), wi = NdArray.zeros(w), yi = NdArray.zeros(y);
        for (int f = 0; f < yi.numel(); f++) {
            int[] o = yi.unflat(f);
            int group = o[1] / oPerGroup;
            for (int c = 0; c < cPerGroup; c++) {
                for (int i = 0; i < w[2]; i++) {
                    for (int j = 0; j < w[3]; j++) {
                        for (int k = 0; k < w[4]; k++) {
                            int[] tap3 = {i, j, k};
                            int[] pos = new int[3];
                            boolean inside = true;
                            for (int a = 0; a < 3; a++) {
                                pos[a] = o[2 + a] * s.stride()[a] - s.padBefore()[a] + tap3[a] * s.dilation()[a];
                                inside &= pos[a] >= 0 && pos[a] < x[2 + a];
                            }
                            if (inside) {
                                tap.visit(f, wi.flat(new int[] {o[1], c, i, j, k}),
                                        xi.flat(new int[] {o[0], group * cPerGroup + c, pos[0], pos[1], pos[2]}));
                            }
                        }
                    }
                }
            }
        }
    }

    static NdArray forward(Geometry g, NdArray x, NdArray w, NdArray bias) {
        NdArray y = NdArray.zeros(g.output());
        forEachTap(g, (o, k, i) -> y.data()[o] += x.data()[i] * w.data()[k]);
        if (bias != null) {
            for (int f = 0; f < y.numel(); f++) {
                y.data()[f] += bias.data()[y.unflat(f)[1]];
            }
        }
        return y;
    }

    private static int taps(Geometry g) {
        return g.weight()[1] * g.weight()[2] * g.weight()[3] * g.weight()[4];
    }

    static OpInfo<Geometry> conv3d() {
        return OpInfo.<Geometry>named("conv3d")
                .samples(c -> {
                    Geometry g = geometry(c, false);
                    return g.bias()
                            ? Sample.of(g, c.value("x", g.input(), Domain.REAL), c.value("w", g.weight(), Domain.REAL),
                                    c.value("bias", new int[] {g.weight()[0]}, Domain.REAL))
                            : Sample.of(g, c.value("x", g.input(), Domain.REAL), c.value("w", g.weight(), Domain.REAL));
                })
                .op((g, in) -> Tensor.conv3d(in.get(0), in.get(1), g.bias() ? in.get(2) : null, g.spec()))
                .reference((g, in) -> forward(g, in.get(0), in.get(1), g.bias() ? in.get(2) : null))
                .reductionLength(s -> taps(s.params()) + 1)
                .differentiable((g, in) -> Variable.conv3d(in.get(0), in.get(1), g.bias() ? in.get(2) : null, g.spec()))
                .build();
    }

    /** conv2d is conv3d with T = 1: inputs {@code [N, C, H, W]}, weights {@code [O, C/groups, kH, kW]}. */
    static OpInfo<Geometry> conv2d() {
        return OpInfo.<Geometry>named("conv2d")
                .samples(c -> {
                    Geometry g = geometry(c, true);
                    Input x = c.value("x", drop(g.input()), Domain.REAL);
                    Input w = c.value("w", drop(g.weight()), Domain.REAL);
                    return g.bias() ? Sample.of(g, x, w, c.value("bias", new int[] {g.weight()[0]}, Domain.REAL)) : Sample.of(g, x, w);
                })
                .op((g, in) -> Tensor.conv2d(in.get(0), in.get(1), g.bias() ? in.get(2) : null,
                        g.spec().stride()[1], g.spec().padBefore()[1], g.spec().dilation()[1], g.spec().groups()))
                .reference((g, in) -> {
                    NdArray y = forward(g, in.get(0).reshape(g.input()), in.get(1).reshape(g.weight()), g.bias() ? in.get(2) : null);
                    return y.reshape(drop(y.shape()));
                })
                .reductionLength(s -> taps(s.params()) + 1)
                .differentiable((g, in) -> Variable.conv2d(in.get(0), in.get(1), g.bias() ? in.get(2) : null,
                        g.spec().stride()[1], g.spec().padBefore()[1], g.spec().dilation()[1], g.spec().groups()))
                .build();
    }

    /** A shape without its T axis (index 2). */
    private static int[] drop(int[] s) {
        return new int[] {s[0], s[1], s[3], s[4]};
    }

    static OpInfo<Geometry> inputGrad() {
        return OpInfo.<Geometry>named("conv3dInputGrad")
                .samples(c -> {
                    Geometry g = geometry(c, false);
                    return Sample.of(g, c.value("gradOut", g.output(), Domain.REAL), c.value("w", g.weight(), Domain.REAL));
                })
                .op((g, in) -> Tensor.conv3dInputGrad(in.get(0), in.get(1), Shape.of(g.input()), g.spec()))
                .reference((g, in) -> {
                    NdArray gin = NdArray.zeros(g.input());
                    forEachTap(g, (o, k, i) -> gin.data()[i] += in.get(0).data()[o] * in.get(1).data()[k]);
                    return gin;
                })
                .reductionLength(s -> s.params().weight()[0] * s.params().weight()[2] * s.params().weight()[3] * s.params().weight()[4])
                .build();
    }

    static OpInfo<Geometry> weightGrad() {
        return OpInfo.<Geometry>named("conv3dWeightGrad")
                .samples(c -> {
                    Geometry g = geometry(c, false);
                    return Sample.of(g, c.value("x", g.input(), Domain.REAL), c.value("gradOut", g.output(), Domain.REAL));
                })
                .op((g, in) -> Tensor.conv3dWeightGrad(in.get(0), in.get(1), Shape.of(g.weight()), g.spec()))
                .reference((g, in) -> {
                    NdArray gw = NdArray.zeros(g.weight());
                    forEachTap(g, (o, k, i) -> gw.data()[k] += in.get(0).data()[i] * in.get(1).data()[o]);
                    return gw;
                })
                .reductionLength(s -> NdArray.numel(s.params().output()) / s.params().output()[1])
                .build();
    }
}
