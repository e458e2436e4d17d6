package nn.attention;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.GradCheck;
import autograd.Variable;
import java.util.Random;
import nn.conv.LayerChecks;
import org.junit.jupiter.api.Test;
import tensor.Backend;
import tensor.DType;
import tensor.Devices;
import tensor.Generator;
import tensor.MemoryScope;
import tensor.Tensor;

class NearbyAttention3dTest {
    private static final MultiHeadAttention.Config CONFIG = MultiHeadAttention.Config.of(4, 2);

    private static NearbyAttention3d layer(VideoGrid kernel, VideoGrid dilation, boolean causal, long seed) {
        NearbyAttention3d nearby = new NearbyAttention3d(CONFIG, kernel, dilation, causal, new Generator(seed));
        nearby.to(DType.F64);
        return nearby;
    }

    /** Whether key {@code k} lies in the neighbourhood of query {@code q} (same grid). */
    private static boolean inside(int[] q, int[] k, VideoGrid kernel, VideoGrid dilation, boolean causal) {
        for (int a = 0; a < 3; a++) {
            int off = k[a] - q[a];
            int d = dilation.dim(a);
            int lo = causal ? -(kernel.dim(a) - 1) * d : -(kernel.dim(a) - 1) / 2 * d;
            int hi = causal ? 0 : (kernel.dim(a) - 1) / 2 * d;
            if (off < lo || off > hi || off % d != 0) {
                return false;
            }
        }
        return true;
    }

    private void assertMatchesDenseMask(VideoGrid grid, VideoGrid kernel, VideoGrid dilation, boolean causal) {
        NearbyAttention3d nearby = layer(kernel, dilation, causal, 1);
        Tensor x = LayerChecks.uniform(new Random(2), 2, grid.t(), grid.h(), grid.w(), 4);
        Tensor mask = GridMasks.keep(grid, (q, k) -> inside(q, k, kernel, dilation, causal));
        double[] want = nearby.attn.forward(Variable.constant(x.reshape(2, grid.size(), 4)), AttentionPattern.dense(mask, false))
                .value().toDoubleArray();
        assertArrayEquals(want, nearby.forward(Variable.constant(x)).value().toDoubleArray(), 1e-12);
    }

    @Test
    void equalsDenseAttentionMaskedToTheNeighbourhood() {
        assertMatchesDenseMask(new VideoGrid(3, 4, 5), new VideoGrid(3, 3, 3), new VideoGrid(1, 1, 1), false);
        assertMatchesDenseMask(new VideoGrid(3, 4, 5), new VideoGrid(2, 2, 3), new VideoGrid(1, 1, 1), true);
        assertMatchesDenseMask(new VideoGrid(2, 5, 5), new VideoGrid(1, 3, 3), new VideoGrid(1, 2, 2), false);
    }

    @Test
    void causalOutputsIgnoreEverythingOutsideTheNeighbourhood() {
        VideoGrid grid = new VideoGrid(3, 3, 3);
        VideoGrid kernel = new VideoGrid(2, 2, 2);
        NearbyAttention3d nearby = layer(kernel, new VideoGrid(1, 1, 1), true, 3);
        Random r = new Random(4);
        double[] base = LayerChecks.values(r, grid.size() * 4);
        int[] query = {2, 1, 2};
        double[] bumped = base.clone();
        for (int p = 0; p < grid.size(); p++) {
            if (!inside(query, GridMasks.coords(grid, p), kernel, new VideoGrid(1, 1, 1), true)) {
                for (int f = 0; f < 4; f++) {
                    bumped[p * 4 + f] += 3 * r.nextGaussian();
                }
            }
        }
        double[] a = nearby.forward(Variable.constant(Tensor.of(base, 1, 3, 3, 3, 4))).value().toDoubleArray();
        double[] b = nearby.forward(Variable.constant(Tensor.of(bumped, 1, 3, 3, 3, 4))).value().toDoubleArray();
        int at = grid.index(query[0], query[1], query[2]) * 4;
        for (int f = 0; f < 4; f++) {
            assertEquals(a[at + f], b[at + f], 1e-12);
        }
    }

    @Test
    void crossAttentionFindsTheQueryPlaceInASmallerKeyGrid() {
        VideoGrid queries = new VideoGrid(2, 4, 4);
        VideoGrid keys = new VideoGrid(1, 2, 2);
        NearbyAttention3d nearby = layer(new VideoGrid(1, 3, 3), new VideoGrid(1, 1, 1), false, 5);
        Random r = new Random(6);
        Tensor x = LayerChecks.uniform(r, 1, 2, 4, 4, 4);
        Tensor c = LayerChecks.uniform(r, 1, 1, 2, 2, 4);
        Tensor mask = GridMasks.keep(queries, keys, (q, k) -> k[0] == q[0] / 2
                && Math.abs(k[1] - q[1] / 2) <= 1 && Math.abs(k[2] - q[2] / 2) <= 1);
        double[] want = nearby.attn.forward(Variable.constant(x.reshape(1, 32, 4)), Variable.constant(c.reshape(1, 4, 4)),
                AttentionPattern.dense(mask, false)).value().toDoubleArray();
        assertArrayEquals(want, nearby.forward(Variable.constant(x), Variable.constant(c)).value().toDoubleArray(), 1e-12);
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        NearbyAttention3d nearby = layer(new VideoGrid(2, 2, 2), new VideoGrid(1, 1, 1), true, 7);
        GradCheck.verify(in -> nearby.forward(in.get(0)), GradCheck.Options.defaults().withFast(true),
                LayerChecks.uniform(new Random(8), 1, 2, 3, 3, 4));
    }

    /** Device bytes held after a forward pass that keeps its graph (what backward will need). */
    private static long forwardBytes(NearbyAttention3d nearby, VideoGrid grid) {
        Backend cpu = Devices.cpu();
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor x = Tensor.randn(new Generator(9), DType.F32, 1, grid.t(), grid.h(), grid.w(), 16);
            long before = cpu.liveBytes();
            nearby.forward(Variable.parameter(x));
            return cpu.liveBytes() - before;
        }
    }

    @Test
    void memoryGrowsLinearlyWithThePositions() {
        NearbyAttention3d nearby = new NearbyAttention3d(MultiHeadAttention.Config.of(16, 2), new VideoGrid(3, 3, 3),
                new VideoGrid(1, 1, 1), true, new Generator(10));
        VideoGrid small = new VideoGrid(4, 16, 16);   // 1024 positions
        VideoGrid large = new VideoGrid(8, 16, 16);   // 2048 positions
        forwardBytes(nearby, small);   // builds (and caches) the neighbour tables
        forwardBytes(nearby, large);
        long a = forwardBytes(nearby, small);
        long b = forwardBytes(nearby, large);
        double ratio = (double) b / a;
        assertTrue(ratio > 1.8 && ratio < 2.2, "doubling the positions should double the memory, got ×" + ratio
                + " (" + a + " → " + b + " bytes)");
        long dense = 2L * large.size() * large.size() * 4;   // one [heads, P, P] F32 score matrix
        assertTrue(b < dense, "3DNA held " + b + " bytes, more than one dense score matrix (" + dense + ")");
    }
}
