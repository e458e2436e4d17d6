package nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.GradCheck;
import autograd.Variable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Generator;
import tensor.ShapeException;
import tensor.Tensor;

class AdaptiveGroupNormTest {
    @Test
    void stateDictMatchesOpenMagvit2() {
        // Open-MAGVIT2 AdaptiveGroupNorm(z_channel=4, in_filters=6): gn has no parameters, gamma/beta are Linear(4, 6).
        try (AdaptiveGroupNorm norm = new AdaptiveGroupNorm(2, 6, 4, new Generator(1))) {
            Map<String, List<Integer>> expected = new LinkedHashMap<>();
            expected.put("gamma.weight", List.of(6, 4));
            expected.put("gamma.bias", List.of(6));
            expected.put("beta.weight", List.of(6, 4));
            expected.put("beta.bias", List.of(6));
            assertEquals(expected, LayerTesting.stateShapes(norm));
            assertEquals(List.copyOf(expected.keySet()), List.copyOf(norm.stateDict().keySet()));
        }
    }

    @Test
    void scalesByGammaOfStdAndShiftsByBetaOfMeanPerFrame() {
        int n = 1, c = 4, cz = 2, t = 2, h = 2, w = 2, hz = 3, wz = 2;
        Random r = new Random(2);
        Tensor x = LayerTesting.normalish(r, n, c, t, h, w);
        Tensor z = LayerTesting.uniform(r, -2, 2, n, cz, t, hz, wz);
        try (AdaptiveGroupNorm norm = new AdaptiveGroupNorm(2, c, cz, new Generator(3))) {
            norm.to(DType.F64);
            double[] y = norm.forward(Variable.constant(x), Variable.constant(z)).value().toDoubleArray();
            double[] gn = GroupNorm.apply(Variable.constant(x), 2, null, null, 1e-6).value().toDoubleArray();
            double[] zv = z.toDoubleArray();
            double[] gw = norm.gamma.weight.value().toDoubleArray();
            double[] gb = norm.gamma.bias.value().toDoubleArray();
            double[] bw = norm.beta.weight.value().toDoubleArray();
            double[] bb = norm.beta.bias.value().toDoubleArray();
            int area = hz * wz;
            for (int f = 0; f < t; f++) {
                double[] mean = new double[cz];
                double[] std = new double[cz];
                for (int k = 0; k < cz; k++) {
                    int start = (k * t + f) * area;
                    for (int i = 0; i < area; i++) {
                        mean[k] += zv[start + i] / area;
                    }
                    double ss = 0;
                    for (int i = 0; i < area; i++) {
                        ss += (zv[start + i] - mean[k]) * (zv[start + i] - mean[k]);
                    }
                    std[k] = Math.sqrt(ss / (area - 1) + 1e-6);
                }
                for (int ch = 0; ch < c; ch++) {
                    double scale = gb[ch];
                    double shift = bb[ch];
                    for (int k = 0; k < cz; k++) {
                        scale += gw[ch * cz + k] * std[k];
                        shift += bw[ch * cz + k] * mean[k];
                    }
                    for (int i = 0; i < h * w; i++) {
                        int at = (ch * t + f) * h * w + i;
                        assertEquals(gn[at] * scale + shift, y[at], 1e-12, "channel " + ch + ", frame " + f);
                    }
                }
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(4);
        try (AdaptiveGroupNorm norm = new AdaptiveGroupNorm(2, 4, 3, new Generator(5))) {
            norm.to(DType.F64);
            GradCheck.verify(in -> norm.forward(in.get(0), in.get(1)),
                    LayerTesting.normalish(r, 2, 4, 1, 2, 3), LayerTesting.normalish(r, 2, 3, 1, 2, 2));
            GradCheck.verify(in -> norm.forward(in.get(0), in.get(1)),
                    LayerTesting.normalish(r, 1, 4, 3, 3), LayerTesting.normalish(r, 1, 3, 2, 2));
        }
    }

    @Test
    void latentFramesMustMatchOrBeOne() {
        try (AdaptiveGroupNorm norm = new AdaptiveGroupNorm(2, 4, 3, new Generator(5))) {
            ShapeException e = assertThrows(ShapeException.class, () -> norm.forward(
                    Variable.constant(Tensor.ones(1, 4, 4, 2, 2)), Variable.constant(Tensor.ones(1, 3, 2, 2, 2))));
            assertTrue(e.getMessage().contains("[1, 3, 2, 2, 2]"), e.getMessage());
        }
    }

    @Test
    void openClMatchesCpu() throws Exception {
        Tensor z = LayerTesting.normalish(new Random(9), 2, 3, 1, 4, 4).to(DType.F32);
        LayerTesting.assertClParity(g -> new AdaptiveGroupNorm(2, 8, 3, g),
                (m, x) -> m.forward(x, Variable.constant(z.to(x.value().backend()))),
                LayerTesting.normalish(new Random(10), 2, 8, 3, 4, 4));
    }
}
