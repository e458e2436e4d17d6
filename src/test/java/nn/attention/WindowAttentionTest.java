package nn.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.GradCheck;
import autograd.Variable;
import java.util.Random;
import nn.conv.LayerChecks;
import org.junit.jupiter.api.Test;
import tensor.DType;
import tensor.Generator;
import tensor.ShapeException;
import tensor.Tensor;

class WindowAttentionTest {
    private static final MultiHeadAttention.Config CONFIG = MultiHeadAttention.Config.of(4, 2);

    private static <M extends nn.Module> M f64(M m) {
        m.to(DType.F64);
        return m;
    }

    private static double[] run(WindowAttention layer, Tensor x) {
        return layer.forward(Variable.constant(x)).value().toDoubleArray();
    }

    @Test
    void attendsExactlyWithinWindows() {
        WindowAttention st = f64(WindowAttention.spatiotemporal(CONFIG, new WindowAttention.Window(0, 2, 2), new Generator(1)));
        VideoGrid g = new VideoGrid(3, 4, 2);
        Tensor x = LayerChecks.uniform(new Random(2), 2, 3, 4, 2, 4);
        Tensor sameWindow = GridMasks.keep(g, (p, q) -> p[1] / 2 == q[1] / 2 && p[2] / 2 == q[2] / 2);
        double[] want = st.attn.forward(Variable.constant(x.reshape(2, g.size(), 4)), AttentionPattern.dense(sameWindow, false))
                .value().toDoubleArray();
        assertArrayEquals(want, run(st, x), 1e-12);

        WindowAttention spatial = f64(WindowAttention.spatial(CONFIG, new Generator(3)));
        Tensor sameFrame = GridMasks.keep(g, (p, q) -> p[0] == q[0]);
        double[] wantSpatial = spatial.attn.forward(Variable.constant(x.reshape(2, g.size(), 4)),
                AttentionPattern.dense(sameFrame, false)).value().toDoubleArray();
        assertArrayEquals(wantSpatial, run(spatial, x), 1e-12);
    }

    @Test
    void perturbingOneWindowLeavesEveryOtherWindowUnchanged() {
        WindowAttention st = f64(WindowAttention.spatiotemporal(CONFIG, new WindowAttention.Window(2, 2, 2), new Generator(4)));
        VideoGrid g = new VideoGrid(4, 4, 4);
        Random r = new Random(5);
        double[] base = LayerChecks.values(r, 4 * g.size());
        double[] bumped = base.clone();
        int[] target = {1, 0, 1};   // the window holding t ∈ [2, 4), h ∈ [0, 2), w ∈ [2, 4)
        for (int p = 0; p < g.size(); p++) {
            int[] c = GridMasks.coords(g, p);
            if (c[0] / 2 == target[0] && c[1] / 2 == target[1] && c[2] / 2 == target[2]) {
                for (int f = 0; f < 4; f++) {
                    bumped[p * 4 + f] += r.nextGaussian();
                }
            }
        }
        double[] a = run(st, Tensor.of(base, 1, 4, 4, 4, 4));
        double[] b = run(st, Tensor.of(bumped, 1, 4, 4, 4, 4));
        for (int p = 0; p < g.size(); p++) {
            int[] c = GridMasks.coords(g, p);
            boolean inside = c[0] / 2 == target[0] && c[1] / 2 == target[1] && c[2] / 2 == target[2];
            for (int f = 0; f < 4; f++) {
                if (inside) {
                    assertNotEquals(a[p * 4 + f], b[p * 4 + f], "the perturbed window changes");
                } else {
                    assertEquals(a[p * 4 + f], b[p * 4 + f], 0, "position " + java.util.Arrays.toString(c));
                }
            }
        }
    }

    @Test
    void anImagePassesTheSpatiotemporalLayerThroughTheIdentityMask() {
        WindowAttention st = f64(WindowAttention.spatiotemporal(CONFIG, new WindowAttention.Window(0, 2, 2), new Generator(6)));
        VideoGrid g = new VideoGrid(1, 4, 4);
        Tensor image = LayerChecks.uniform(new Random(7), 2, 1, 4, 4, 4);
        double[] want = st.attn.forward(Variable.constant(image.reshape(2, g.size(), 4)),
                AttentionPattern.dense(GridMasks.keep(g, java.util.Arrays::equals), false)).value().toDoubleArray();
        assertArrayEquals(want, run(st, image), 1e-12);
        // and the same weights then serve a clip (window 2 frames deep)
        assertEquals(2 * 2 * 4 * 4 * 4, run(st, LayerChecks.uniform(new Random(8), 2, 2, 4, 4, 4)).length);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        WindowAttention st = f64(WindowAttention.spatiotemporal(CONFIG, new WindowAttention.Window(2, 1, 2), new Generator(9)));
        GradCheck.verify(in -> st.forward(in.get(0)), GradCheck.Options.defaults().withFast(true),
                LayerChecks.uniform(new Random(10), 1, 2, 2, 4, 4));
    }

    @Test
    void aWindowThatDoesNotTileTheGridNamesTheAxis() {
        WindowAttention st = WindowAttention.spatiotemporal(CONFIG, new WindowAttention.Window(0, 3, 2), new Generator(11));
        ShapeException e = assertThrows(ShapeException.class, () -> st.forward(Variable.constant(Tensor.zeros(1, 2, 4, 4, 4))));
        assertTrue(e.getMessage().contains("axis H"), e.getMessage());
    }
}
