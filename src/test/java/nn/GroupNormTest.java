package nn;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.GradCheck;
import autograd.Variable;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.ShapeException;
import tensor.Tensor;

class GroupNormTest {
    @Test
    void stateDictMatchesPyTorch() {
        try (GroupNorm gn = new GroupNorm(2, 6); GroupNorm bare = new GroupNorm(3, 6, 1e-5, false)) {
            assertEquals(Map.of("weight", List.of(6), "bias", List.of(6)), LayerTesting.stateShapes(gn));
            assertTrue(bare.stateDict().isEmpty());
        }
    }

    @Test
    void matchesTheFormulaPerGroup() {
        int n = 2, c = 6, g = 3, t = 2, h = 2, w = 3;
        int spatial = t * h * w;
        Random r = new Random(6);
        Tensor xs = LayerTesting.uniform(r, -2, 3, n, c, t, h, w);
        double[] weight = {0.5, 1, 1.5, 2, -1, 3};
        double[] bias = {0, 1, 2, 3, 4, 5};
        try (GroupNorm gn = new GroupNorm(g, c)) {
            gn.weight.set(Tensor.of(weight, c));
            gn.bias.set(Tensor.of(bias, c));
            gn.to(tensor.DType.F64);
            double[] x = xs.toDoubleArray();
            double[] y = gn.forward(Variable.constant(xs)).value().toDoubleArray();
            int perGroup = c / g * spatial;
            for (int s = 0; s < n; s++) {
                for (int grp = 0; grp < g; grp++) {
                    int start = (s * c + grp * c / g) * spatial;
                    double mean = 0;
                    for (int i = 0; i < perGroup; i++) {
                        mean += x[start + i] / perGroup;
                    }
                    double var = 0;
                    for (int i = 0; i < perGroup; i++) {
                        var += (x[start + i] - mean) * (x[start + i] - mean) / perGroup;
                    }
                    for (int i = 0; i < perGroup; i++) {
                        int channel = grp * c / g + i / spatial;
                        double want = (x[start + i] - mean) / Math.sqrt(var + 1e-5) * weight[channel] + bias[channel];
                        assertEquals(want, y[start + i], 1e-9, "sample " + s + ", group " + grp + ", element " + i);
                    }
                }
            }
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(7);
        GradCheck.verify(in -> GroupNorm.apply(in.get(0), 2, in.get(1), in.get(2), 1e-5),
                LayerTesting.normalish(r, 2, 4, 3, 2), LayerTesting.normalish(r, 4), LayerTesting.normalish(r, 4));
    }

    @Test
    void channelsMustSplitIntoGroups() {
        try (GroupNorm gn = new GroupNorm(2, 4)) {
            ShapeException e = assertThrows(ShapeException.class, () -> gn.forward(Variable.constant(Tensor.ones(1, 3, 2))));
            assertTrue(e.getMessage().contains("[1, 3, 2]"), e.getMessage());
        }
        assertThrows(IllegalArgumentException.class, () -> new GroupNorm(4, 6));
    }

    @Test
    void openClMatchesCpu() throws Exception {
        LayerTesting.assertClParity(g -> new GroupNorm(4, 8), GroupNorm::forward,
                LayerTesting.normalish(new Random(8), 2, 8, 3, 4, 4));
    }
}
