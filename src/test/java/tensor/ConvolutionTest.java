package tensor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static tensor.HostTensors.assertClose;
import static tensor.HostTensors.dot;
import static tensor.HostTensors.values;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class ConvolutionTest {

    /** One term {@code x[xi]·w[wi]} of output {@code out[oi]}. */
    @FunctionalInterface
    private interface Term {
        void add(int xi, int wi, int oi);
    }

    /**
     * The direct definition of a grouped, strided, padded, dilated 3D convolution, written as the
     * list of every product it sums; the three references below read it three ways.
     */
    private record Direct(int[] x, int[] w, ConvSpec spec) {
        int[] out() {
            int[] o = {x[0], w[0], 0, 0, 0};
            for (int a = 0; a < 3; a++) {
                o[2 + a] = spec.outputSize(a, x[2 + a], w[2 + a]);
            }
            return o;
        }

        void forEachTerm(Term term) {
            int[] o = out();
            int groups = spec.groups();
            int cg = x[1] / groups;
            int og = w[0] / groups;
            for (int n = 0; n < x[0]; n++) {
                for (int oc = 0; oc < w[0]; oc++) {
                    int g = oc / og;
                    for (int t = 0; t < o[2]; t++) {
                        for (int h = 0; h < o[3]; h++) {
                            for (int ww = 0; ww < o[4]; ww++) {
                                int oi = (((n * o[1] + oc) * o[2] + t) * o[3] + h) * o[4] + ww;
                                for (int c = 0; c < cg; c++) {
                                    for (int i = 0; i < w[2]; i++) {
                                        int ti = t * spec.stride()[0] - spec.padBefore()[0] + i * spec.dilation()[0];
                                        for (int j = 0; j < w[3]; j++) {
                                            int hi = h * spec.stride()[1] - spec.padBefore()[1] + j * spec.dilation()[1];
                                            for (int l = 0; l < w[4]; l++) {
                                                int wi = ww * spec.stride()[2] - spec.padBefore()[2] + l * spec.dilation()[2];
                                                if (ti < 0 || ti >= x[2] || hi < 0 || hi >= x[3] || wi < 0 || wi >= x[4]) {
                                                    continue;
                                                }
                                                int xIndex = (((n * x[1] + g * cg + c) * x[2] + ti) * x[3] + hi) * x[4] + wi;
                                                int wIndex = (((oc * w[1] + c) * w[2] + i) * w[3] + j) * w[4] + l;
                                                term.add(xIndex, wIndex, oi);
                                            }
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }

        double[] forward(double[] xv, double[] wv, double[] bias) {
            int[] o = out();
            double[] out = new double[Shape.of(o).numel()];
            int perChannel = o[2] * o[3] * o[4];
            if (bias != null) {
                for (int i = 0; i < out.length; i++) {
                    out[i] = bias[i / perChannel % o[1]];
                }
            }
            forEachTerm((xi, wi, oi) -> out[oi] += xv[xi] * wv[wi]);
            return out;
        }

        double[] inputGrad(double[] g, double[] wv) {
            double[] gx = new double[Shape.of(x).numel()];
            forEachTerm((xi, wi, oi) -> gx[xi] += g[oi] * wv[wi]);
            return gx;
        }

        double[] weightGrad(double[] xv, double[] g) {
            double[] gw = new double[Shape.of(w).numel()];
            forEachTerm((xi, wi, oi) -> gw[wi] += xv[xi] * g[oi]);
            return gw;
        }
    }

    private static List<ConvSpec> everySpec() {
        List<ConvSpec> specs = new ArrayList<>();
        int[][][] paddings = {
            {{0, 0, 0}, {0, 0, 0}},
            {{1, 1, 1}, {1, 1, 1}},
            {{2, 0, 1}, {0, 1, 0}}, // asymmetric, causal in time
        };
        for (int stride : new int[] {1, 2}) {
            for (int[][] pad : paddings) {
                for (int dilation : new int[] {1, 2}) {
                    for (int groups : new int[] {1, 2}) {
                        specs.add(new ConvSpec(new int[] {stride, 1, stride}, pad[0], pad[1],
                                new int[] {dilation, dilation, 1}, groups));
                    }
                }
            }
        }
        return specs;
    }

    private static Tensor tensor(double[] v, DType dtype, int[] shape) {
        return HostTensors.of(v, dtype, shape);
    }

    @Test
    void forwardAndGradientsMatchTheDirectFormulaForEverySpec() {
        Random rng = new Random(11);
        int[] x = {2, 4, 5, 6, 7};
        int[] w = {6, 2, 2, 3, 2};
        for (DType dtype : new DType[] {DType.F64, DType.F32}) {
            double tol = dtype == DType.F64 ? 1e-12 : 1e-5;
            for (ConvSpec spec : everySpec()) {
                int[] wShape = w.clone();
                wShape[1] = x[1] / spec.groups();
                Direct direct = new Direct(x, wShape, spec);
                double[] xv = HostTensors.random(rng, dtype, Shape.of(x).numel());
                double[] wv = HostTensors.random(rng, dtype, Shape.of(wShape).numel());
                double[] bv = HostTensors.random(rng, dtype, w[0]);
                for (boolean withBias : new boolean[] {false, true}) {
                    Tensor out = Tensor.conv3d(tensor(xv, dtype, x), tensor(wv, dtype, wShape),
                            withBias ? tensor(bv, dtype, new int[] {w[0]}) : null, spec);
                    assertEquals(Shape.of(direct.out()), out.shape(), spec.toString());
                    assertClose(direct.forward(xv, wv, withBias ? bv : null), values(out), tol,
                            dtype + " forward, bias " + withBias + ", " + spec);
                }
                double[] g = HostTensors.random(rng, dtype, Shape.of(direct.out()).numel());
                Tensor gradOut = tensor(g, dtype, direct.out());
                assertClose(direct.inputGrad(g, wv),
                        values(Tensor.conv3dInputGrad(gradOut, tensor(wv, dtype, wShape), Shape.of(x), spec)), tol,
                        dtype + " input grad, " + spec);
                assertClose(direct.weightGrad(xv, g),
                        values(Tensor.conv3dWeightGrad(tensor(xv, dtype, x), gradOut, Shape.of(wShape), spec)), tol,
                        dtype + " weight grad, " + spec);
            }
        }
    }

    /** {@code <conv(x), g> = <x, inputGrad(g)> = <w, weightGrad(x, g)>}: the passes are each other's adjoints. */
    @Test
    void gradientsAreAdjointsOfTheForwardPass() {
        Random rng = new Random(5);
        int[] x = {2, 6, 5, 5, 6};
        for (ConvSpec spec : everySpec()) {
            int[] w = {4, 6 / spec.groups(), 3, 2, 3};
            Direct direct = new Direct(x, w, spec);
            double[] xv = HostTensors.random(rng, DType.F64, Shape.of(x).numel());
            double[] wv = HostTensors.random(rng, DType.F64, Shape.of(w).numel());
            double[] g = HostTensors.random(rng, DType.F64, Shape.of(direct.out()).numel());
            Tensor xt = tensor(xv, DType.F64, x);
            Tensor wt = tensor(wv, DType.F64, w);
            Tensor gt = tensor(g, DType.F64, direct.out());
            double forward = dot(values(Tensor.conv3d(xt, wt, null, spec)), g);
            double input = dot(xv, values(Tensor.conv3dInputGrad(gt, wt, Shape.of(x), spec)));
            double weight = dot(wv, values(Tensor.conv3dWeightGrad(xt, gt, Shape.of(w), spec)));
            assertEquals(forward, input, 1e-10 * (1 + Math.abs(forward)), spec.toString());
            assertEquals(forward, weight, 1e-10 * (1 + Math.abs(forward)), spec.toString());
        }
    }

    /** Enough output positions that the column matrix is built in several slices, cut mid-row. */
    @Test
    void largeInputsSplitIntoSeveralSlicesStillMatch() {
        Random rng = new Random(9);
        int[] x = {1, 8, 4, 16, 21};
        int[] w = {3, 8, 3, 3, 3};
        ConvSpec spec = ConvSpec.symmetric(1, 1, 1, 1);
        Direct direct = new Direct(x, w, spec);
        double[] xv = HostTensors.random(rng, DType.F32, Shape.of(x).numel());
        double[] wv = HostTensors.random(rng, DType.F32, Shape.of(w).numel());
        double[] g = HostTensors.random(rng, DType.F32, Shape.of(direct.out()).numel());
        Tensor xt = tensor(xv, DType.F32, x);
        Tensor wt = tensor(wv, DType.F32, w);
        Tensor gt = tensor(g, DType.F32, direct.out());
        assertClose(direct.forward(xv, wv, null), values(Tensor.conv3d(xt, wt, null, spec)), 1e-5, "forward");
        assertClose(direct.inputGrad(g, wv), values(Tensor.conv3dInputGrad(gt, wt, Shape.of(x), spec)), 1e-5, "input grad");
        assertClose(direct.weightGrad(xv, g), values(Tensor.conv3dWeightGrad(xt, gt, Shape.of(w), spec)), 1e-4, "weight grad");
    }

    @Test
    void conv2dIsConv3dWithOneTimeStep() {
        Random rng = new Random(2);
        int[] x = {2, 4, 7, 6};
        int[] w = {2, 2, 3, 3};
        double[] xv = HostTensors.random(rng, DType.F64, Shape.of(x).numel());
        double[] wv = HostTensors.random(rng, DType.F64, Shape.of(w).numel());
        double[] bv = {0.5, -1};
        Tensor out = Tensor.conv2d(tensor(xv, DType.F64, x), tensor(wv, DType.F64, w), tensor(bv, DType.F64, new int[] {2}),
                2, 1, 2, 2);
        ConvSpec spec = new ConvSpec(new int[] {1, 2, 2}, new int[] {0, 1, 1}, new int[] {0, 1, 1}, new int[] {1, 2, 2}, 2);
        Direct direct = new Direct(new int[] {2, 4, 1, 7, 6}, new int[] {2, 2, 1, 3, 3}, spec);
        int[] o = direct.out();
        assertEquals(Shape.of(o[0], o[1], o[3], o[4]), out.shape());
        assertClose(direct.forward(xv, wv, bv), values(out), 1e-12, "conv2d");
    }

    @Test
    void badShapesNameTheOpTheShapesAndTheAxis() {
        Tensor x = HostTensors.of(new double[2 * 4 * 3 * 4 * 4], DType.F32, 2, 4, 3, 4, 4);
        Tensor w = HostTensors.of(new double[6 * 2 * 27], DType.F32, 6, 2, 3, 3, 3);
        ConvSpec g2 = ConvSpec.symmetric(1, 0, 1, 2);
        ConvSpec g3 = ConvSpec.symmetric(1, 0, 1, 3);
        ConvSpec g4 = ConvSpec.symmetric(1, 0, 1, 4);
        Tensor flat = HostTensors.of(new double[6 * 54], DType.F32, 6, 54);
        assertEquals("conv3d: input must be [N, C, T, H, W], got shape [6, 54]",
                assertThrows(ShapeException.class, () -> Tensor.conv3d(flat, w, null, g2)).getMessage());
        assertEquals("conv3d: input channels 4 (axis 1) are not divisible by groups 3 (input [2, 4, 3, 4, 4], weight [6, 2, 3, 3, 3])",
                assertThrows(ShapeException.class, () -> Tensor.conv3d(x, w, null, g3)).getMessage());
        assertEquals("conv3d: output channels 6 (axis 0 of the weight) are not divisible by groups 4 (input [2, 4, 3, 4, 4], weight [6, 2, 3, 3, 3])",
                assertThrows(ShapeException.class, () -> Tensor.conv3d(x, w, null, g4)).getMessage());
        assertEquals("conv3d: weight has 2 input channels (axis 1) but 4 input channels in 1 group(s) need 4 (input [2, 4, 3, 4, 4], weight [6, 2, 3, 3, 3])",
                assertThrows(ShapeException.class, () -> Tensor.conv3d(x, w, null, ConvSpec.defaults())).getMessage());
        Tensor bias = HostTensors.of(new double[5], DType.F32, 5);
        assertEquals("conv3d: bias must have shape [6] (the output channels of weight [6, 2, 3, 3, 3]), got [5]",
                assertThrows(ShapeException.class, () -> Tensor.conv3d(x, w, bias, g2)).getMessage());
        ConvSpec tooShort = new ConvSpec(new int[] {1, 1, 1}, new int[] {0, 0, 0}, new int[] {0, 0, 0}, new int[] {2, 1, 1}, 2);
        assertEquals("conv3d: output size along T would be 0: input 3 + padding 0 + 0 is shorter than the dilated kernel 5 (input [2, 4, 3, 4, 4], weight [6, 2, 3, 3, 3])",
                assertThrows(ShapeException.class, () -> Tensor.conv3d(x, w, null, tooShort)).getMessage());
        Tensor w64 = HostTensors.of(new double[6 * 2 * 27], DType.F64, 6, 2, 3, 3, 3);
        assertEquals("conv3d: dtypes differ: input [2, 4, 3, 4, 4] and weight [6, 2, 3, 3, 3] are F32 and F64",
                assertThrows(ShapeException.class, () -> Tensor.conv3d(x, w64, null, g2)).getMessage());

        Tensor x4 = HostTensors.of(new double[2 * 4 * 2 * 2], DType.F32, 2, 4, 2, 2);
        Tensor w4 = HostTensors.of(new double[2 * 4 * 9], DType.F32, 2, 4, 3, 3);
        assertEquals("conv2d: weight must be [O, C/groups, kH, kW], got shape [6, 2, 3, 3, 3]",
                assertThrows(ShapeException.class, () -> Tensor.conv2d(x4, w, null, 1, 0, 1, 1)).getMessage());
        assertEquals("conv2d: output size along H would be 0: input 2 + padding 0 + 0 is shorter than the dilated kernel 3 (input [2, 4, 2, 2], weight [2, 4, 3, 3])",
                assertThrows(ShapeException.class, () -> Tensor.conv2d(x4, w4, null, 1, 0, 1, 1)).getMessage());

        Tensor gradOut = HostTensors.of(new double[2 * 6 * 2 * 2], DType.F32, 2, 6, 1, 2, 2);
        assertEquals("conv3dInputGrad: gradOut has shape [2, 6, 1, 2, 2] but input [2, 4, 3, 5, 5] and weight [6, 2, 3, 3, 3] give output [2, 6, 1, 3, 3]",
                assertThrows(ShapeException.class, () -> Tensor.conv3dInputGrad(gradOut, w, Shape.of(2, 4, 3, 5, 5), g2)).getMessage());
        assertEquals("conv3dWeightGrad: gradOut has shape [2, 6, 1, 2, 2] but input [2, 4, 3, 4, 4] and weight [6, 2, 2, 2, 2] give output [2, 6, 2, 3, 3]",
                assertThrows(ShapeException.class, () -> Tensor.conv3dWeightGrad(x, gradOut, Shape.of(6, 2, 2, 2, 2), g2)).getMessage());
        assertEquals("conv3dWeightGrad: weight must have rank 5, got shape [6, 2]",
                assertThrows(ShapeException.class, () -> Tensor.conv3dWeightGrad(x, gradOut, Shape.of(6, 2), g2)).getMessage());
    }
}
