package nn.conv;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import autograd.GradCheck;
import autograd.Variable;
import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.MemoryScope;
import tensor.ShapeException;
import tensor.Tensor;

/** Depth-to-space and space-to-depth: the documented index map, inverse of each other, pixel_shuffle when sT = 1. */
class DepthToSpace3dTest {
    private static final int N = 2, C = 2, T = 2, H = 3, W = 2, ST = 2, SH = 3, SW = 2;

    private static Tensor counting(int... dims) {
        int n = 1;
        for (int d : dims) {
            n *= d;
        }
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = i;
        }
        return Tensor.of(v, dims);
    }

    @Test
    void movesEachElementWhereTheJavadocSays() {
        int block = ST * SH * SW;
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor x = counting(N, C * block, T, H, W);
            double[] in = x.toDoubleArray();
            double[] out = new DepthToSpace3d(ST, SH, SW).forward(Variable.constant(x)).value().toDoubleArray();
            int To = T * ST, Ho = H * SH, Wo = W * SW;
            for (int n = 0; n < N; n++)
                for (int c = 0; c < C; c++)
                    for (int i = 0; i < ST; i++)
                        for (int j = 0; j < SH; j++)
                            for (int k = 0; k < SW; k++)
                                for (int t = 0; t < T; t++)
                                    for (int h = 0; h < H; h++)
                                        for (int w = 0; w < W; w++) {
                                            int ch = c * block + (i * SH + j) * SW + k;
                                            double want = in[(((n * C * block + ch) * T + t) * H + h) * W + w];
                                            int at = (((n * C + c) * To + t * ST + i) * Ho + h * SH + j) * Wo + w * SW + k;
                                            assertEquals(want, out[at]);
                                        }
        }
    }

    @Test
    void spaceToDepthIsItsInverseBothWays() {
        try (MemoryScope scope = MemoryScope.open()) {
            DepthToSpace3d d2s = new DepthToSpace3d(ST, SH, SW);
            SpaceToDepth3d s2d = new SpaceToDepth3d(ST, SH, SW);
            Variable deep = Variable.constant(counting(N, C * ST * SH * SW, T, H, W));
            Variable wide = Variable.constant(counting(N, C, T * ST, H * SH, W * SW));
            assertArrayEquals(deep.value().toDoubleArray(), s2d.forward(d2s.forward(deep)).value().toDoubleArray());
            assertArrayEquals(wide.value().toDoubleArray(), d2s.forward(s2d.forward(wide)).value().toDoubleArray());
        }
    }

    @Test
    void withUnitTimeFactorEachFrameIsPixelShuffle() {
        // pixel_shuffle(x, 2) of one frame with 4 channels: out[0, 2h + j, 2w + k] = x[2j + k, h, w]
        try (MemoryScope scope = MemoryScope.open()) {
            Tensor x = counting(1, 4, 1, 1, 1);
            double[] out = new DepthToSpace3d(1, 2, 2).forward(Variable.constant(x)).value().toDoubleArray();
            assertArrayEquals(new double[] {0, 1, 2, 3}, out);
        }
    }

    @Test
    void gradientsMatchFiniteDifferences() {
        Random r = new Random(3);
        try (MemoryScope scope = MemoryScope.open()) {
            GradCheck.verify(in -> new DepthToSpace3d(2, 1, 2).forward(in.get(0)), LayerChecks.uniform(r, 1, 8, 1, 2, 2));
            GradCheck.verify(in -> new SpaceToDepth3d(1, 2, 2).forward(in.get(0)), LayerChecks.uniform(r, 1, 2, 1, 2, 4));
        }
    }

    @Test
    void indivisibleShapesNameTheLayerAndAxis() {
        try (MemoryScope scope = MemoryScope.open()) {
            ShapeException a = assertThrows(ShapeException.class,
                    () -> new DepthToSpace3d(2, 2, 2).forward(Variable.constant(Tensor.zeros(1, 12, 1, 1, 1))));
            assertTrue(a.getMessage().contains("DepthToSpace3d") && a.getMessage().contains("8"), a.getMessage());
            ShapeException b = assertThrows(ShapeException.class,
                    () -> new SpaceToDepth3d(1, 2, 2).forward(Variable.constant(Tensor.zeros(1, 1, 1, 3, 2))));
            assertTrue(b.getMessage().contains("along H"), b.getMessage());
        }
    }
}
