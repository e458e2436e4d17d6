package autograd;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.ConvSpec;
import tensor.MemoryScope;
import tensor.ShapeException;
import tensor.Tensor;

/** The transposed 3D convolution: values against a direct scatter loop, gradients against finite differences. */
class ConvTransposeGradTest {
    private static final ConvSpec STRIDED = new ConvSpec(new int[] {2, 1, 2}, new int[] {1, 0, 1}, new int[] {0, 1, 1},
            new int[] {1, 2, 1}, 2);

    /**
     * The definition: every input element scatters {@code x·w} to output position
     * {@code in·stride − padBefore + k·dilation} along each axis (positions outside are dropped).
     */
    static double[] scatterReference(Tensor xt, Tensor wt, Tensor bt, ConvSpec s, int[] outDims) {
        double[] x = xt.toDoubleArray();
        double[] w = wt.toDoubleArray();
        int[] xd = xt.shape().dims();
        int[] wd = wt.shape().dims();
        int groups = s.groups();
        int cinG = xd[1] / groups;
        int coutG = wd[1];
        int cout = outDims[1];
        double[] y = new double[outDims[0] * cout * outDims[2] * outDims[3] * outDims[4]];
        for (int n = 0; n < xd[0]; n++) {
            for (int ci = 0; ci < xd[1]; ci++) {
                int g = ci / cinG;
                for (int t = 0; t < xd[2]; t++) {
                    for (int h = 0; h < xd[3]; h++) {
                        for (int v = 0; v < xd[4]; v++) {
                            double xv = x[(((n * xd[1] + ci) * xd[2] + t) * xd[3] + h) * xd[4] + v];
                            for (int c = 0; c < coutG; c++) {
                                int co = g * coutG + c;
                                for (int kt = 0; kt < wd[2]; kt++) {
                                    int ot = t * s.stride()[0] - s.padBefore()[0] + kt * s.dilation()[0];
                                    for (int kh = 0; kh < wd[3]; kh++) {
                                        int oh = h * s.stride()[1] - s.padBefore()[1] + kh * s.dilation()[1];
                                        for (int kw = 0; kw < wd[4]; kw++) {
                                            int ow = v * s.stride()[2] - s.padBefore()[2] + kw * s.dilation()[2];
                                            if (ot < 0 || ot >= outDims[2] || oh < 0 || oh >= outDims[3] || ow < 0
                                                    || ow >= outDims[4]) {
                                                continue;
                                            }
                                            double wv = w[(((ci * coutG + c) * wd[2] + kt) * wd[3] + kh) * wd[4] + kw];
                                            y[(((n * cout + co) * outDims[2] + ot) * outDims[3] + oh) * outDims[4] + ow] += xv * wv;
                                        }
                                    }
                                }
                            }
                        }
                    }
                }
            }
        }
        if (bt != null) {
            double[] b = bt.toDoubleArray();
            int plane = outDims[2] * outDims[3] * outDims[4];
            for (int i = 0; i < y.length; i++) {
                y[i] += b[(i / plane) % cout];
            }
        }
        return y;
    }

    @Test
    void forwardIsTheScatterDefinitionWithPyTorchsOutputSize() {
        Random r = new Random(5);
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor x = Inputs.normalish(r, 2, 4, 3, 2, 3);
            Tensor w = Inputs.normalish(r, 4, 3, 3, 2, 2);
            Tensor b = Inputs.normalish(r, 6);
            Variable y = Variable.convTranspose3d(Variable.constant(x), Variable.constant(w), Variable.constant(b),
                    STRIDED, 1, 0, 1);
            // (in − 1)·stride − padBefore − padAfter + dilation·(k − 1) + outputPadding + 1
            int[] want = {2, 6, (3 - 1) * 2 - 1 - 0 + 2 + 1 + 1, (2 - 1) - 0 - 1 + 2 * 1 + 0 + 1, (3 - 1) * 2 - 2 + 1 + 1 + 1};
            assertArrayEquals(want, y.shape().dims());
            double[] ref = scatterReference(x, w, b, STRIDED, want);
            double[] got = y.value().toDoubleArray();
            for (int i = 0; i < ref.length; i++) {
                assertEquals(ref[i], got[i], 1e-12, "element " + i);
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(6);
        try (MemoryScope scope = MemoryScope.open()) {
            GradCheck.verify(in -> Variable.convTranspose3d(in.get(0), in.get(1), in.get(2), STRIDED, 1, 0, 0),
                    Inputs.normalish(r, 1, 4, 2, 2, 2), Inputs.normalish(r, 4, 1, 2, 2, 2), Inputs.normalish(r, 2));
            GradCheck.verify(in -> Variable.convTranspose3d(in.get(0), in.get(1), null, ConvSpec.symmetric(2, 1, 1, 1), 1, 1, 0),
                    Inputs.normalish(r, 2, 2, 2, 2, 2), Inputs.normalish(r, 2, 3, 3, 3, 2));
        }
    }

    @Test
    void isTheAdjointOfConv3d() {
        Random r = new Random(7);
        try (MemoryScope scope = MemoryScope.open()) {
            ConvSpec spec = ConvSpec.symmetric(2, 1, 1, 1);
            Tensor w = Inputs.normalish(r, 3, 2, 3, 3, 3);
            Tensor x = Inputs.normalish(r, 1, 3, 2, 3, 3);
            Tensor u = Inputs.normalish(r, 1, 2, 4, 6, 5);
            Tensor y = Variable.convTranspose3d(Variable.constant(x), Variable.constant(w), null, spec, 1, 1, 0).value();
            assertArrayEquals(u.shape().dims(), y.shape().dims());
            double lhs = y.mul(u).sum().item();
            double rhs = Tensor.conv3d(u, w, null, spec).mul(x).sum().item();
            assertEquals(rhs, lhs, 1e-10);
        }
    }

    @Test
    void badShapesNameTheOpAndTheShapes() {
        try (MemoryScope scope = MemoryScope.open()) {
            Variable x = Variable.constant(Tensor.zeros(1, 3, 2, 2, 2));
            Variable w = Variable.constant(Tensor.zeros(4, 2, 1, 1, 1));
            ShapeException e = assertThrows(ShapeException.class,
                    () -> Variable.convTranspose3d(x, w, null, ConvSpec.defaults(), 0, 0, 0));
            assertTrue(e.getMessage().contains("convTranspose3d") && e.getMessage().contains("[1, 3, 2, 2, 2]"), e.getMessage());
            Variable w3 = Variable.constant(Tensor.zeros(3, 2, 1, 1, 1));
            ShapeException pad = assertThrows(ShapeException.class,
                    () -> Variable.convTranspose3d(x, w3, null, ConvSpec.defaults(), 1, 0, 0));
            assertTrue(pad.getMessage().contains("outputPadding along T"), pad.getMessage());
        }
    }
}
