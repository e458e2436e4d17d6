package tensor.cl;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import org.junit.jupiter.api.Test;
import tensor.Backend;
import tensor.ConvSpec;
import tensor.DType;
import tensor.Devices;
import tensor.Shape;
import tensor.Tensor;

/** Matmul and the three conv3d primitives against the CPU backend on odd sizes. */
class ClLinearAlgebraTest {
    private final ClBackend cl = OpenCl.backend();
    private final Backend cpu = Devices.cpu();

    private static void assertClose(float[] expected, float[] actual, int reductionLength, String what) {
        double tol = 1e-6 * Math.sqrt(reductionLength) * 4;
        for (int i = 0; i < expected.length; i++) {
            assertEquals(expected[i], actual[i], tol * (1 + Math.abs(expected[i])), what + " at " + i);
        }
    }

    @Test
    void batchedMatmulWithTransposesAndBroadcastBatch() {
        Random r = new Random(5);
        for (int trial = 0; trial < 8; trial++) {
            int batch = 1 + r.nextInt(3), m = 1 + r.nextInt(37), n = 1 + r.nextInt(29), k = 1 + r.nextInt(41);
            boolean ta = r.nextBoolean(), tb = r.nextBoolean();
            int ba = r.nextBoolean() ? 1 : batch, bb = r.nextBoolean() ? 1 : batch;
            float[] a = HostData.randomFloats(r, ba * m * k), b = HostData.randomFloats(r, bb * k * n);
            int[] aDims = ta ? new int[] {ba, k, m} : new int[] {ba, m, k};
            int[] bDims = tb ? new int[] {bb, n, k} : new int[] {bb, k, n};
            float[] expected = run(cpu, a, aDims, b, bDims, batch, m, n, ta, tb);
            float[] got = run(cl, a, aDims, b, bDims, batch, m, n, ta, tb);
            assertClose(expected, got, k, "matmul");
        }
    }

    private static float[] run(Backend be, float[] a, int[] aDims, float[] b, int[] bDims, int batch, int m, int n,
            boolean ta, boolean tb) {
        Tensor out = Tensor.empty(be, DType.F32, Shape.of(batch, m, n));
        be.matmul(HostData.upload(be, a, aDims), HostData.upload(be, b, bDims), out, ta, tb);
        return HostData.values(out);
    }

    @Test
    void conv3dForwardAndGradientsMatchTheCpu() {
        Random r = new Random(6);
        ConvSpec spec = new ConvSpec(new int[] {1, 2, 1}, new int[] {2, 1, 0}, new int[] {0, 1, 2}, new int[] {1, 1, 2}, 2);
        int[] xDims = {2, 4, 3, 7, 6};
        int[] wDims = {6, 2, 3, 3, 2};
        int[] yDims = {2, 6, spec.outputSize(0, 3, 3), spec.outputSize(1, 7, 3), spec.outputSize(2, 6, 2)};
        float[] x = HostData.randomFloats(r, Shape.of(xDims).numel());
        float[] w = HostData.randomFloats(r, Shape.of(wDims).numel());
        float[] bias = HostData.randomFloats(r, 6);
        float[] gy = HostData.randomFloats(r, Shape.of(yDims).numel());
        float[][] results = new float[2][];
        float[][] gradIn = new float[2][];
        float[][] gradW = new float[2][];
        Backend[] backends = {cpu, cl};
        for (int i = 0; i < 2; i++) {
            Backend be = backends[i];
            Tensor y = Tensor.empty(be, DType.F32, Shape.of(yDims));
            be.conv3d(HostData.upload(be, x, xDims), HostData.upload(be, w, wDims), HostData.upload(be, bias, 6), y, spec);
            results[i] = HostData.values(y);
            Tensor gx = Tensor.empty(be, DType.F32, Shape.of(xDims));
            be.conv3dInputGrad(HostData.upload(be, gy, yDims), HostData.upload(be, w, wDims), gx, spec);
            gradIn[i] = HostData.values(gx);
            Tensor gw = Tensor.empty(be, DType.F32, Shape.of(wDims));
            be.conv3dWeightGrad(HostData.upload(be, x, xDims), HostData.upload(be, gy, yDims), gw, spec);
            gradW[i] = HostData.values(gw);
        }
        assertClose(results[0], results[1], 2 * 18, "conv3d");
        assertClose(gradIn[0], gradIn[1], 3 * 18, "conv3d input grad");
        assertClose(gradW[0], gradW[1], Shape.of(yDims).numel() / 6, "conv3d weight grad");
    }
}
