package tensor.cl;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tensor.DType;
import tensor.Shape;
import tensor.Tensor;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** {@link ClMatmul} against double-precision loops, on shapes that divide no tile, on the default OpenCL device. */
class ClMatmulTest {
    static final int[] AWKWARD = {1, 3, 17, 65, 130};
    static ClBackend cl;

    @BeforeAll
    static void open() {
        cl = OpenCl.backend();
    }

    @TestFactory
    Stream<DynamicTest> matchesDoubleLoopsOnRandomShapes() {
        Random shapes = new Random(42);
        return IntStream.range(0, 40).mapToObj(i -> {
            int batches = 1 + shapes.nextInt(3);
            int m = pick(shapes), n = pick(shapes), k = pick(shapes);
            int aBatches = shapes.nextBoolean() ? batches : 1;
            int bBatches = shapes.nextBoolean() ? batches : 1;
            boolean transA = shapes.nextBoolean(), transB = shapes.nextBoolean();
            long seed = shapes.nextLong();
            String name = "B=" + batches + " (a " + aBatches + ", b " + bBatches + ") M=" + m + " N=" + n + " K=" + k
                    + " transA=" + transA + " transB=" + transB + " seed=" + seed;
            return DynamicTest.dynamicTest(name, () -> check(DType.F32, seed, batches, aBatches, bBatches, m, n, k, transA, transB));
        });
    }

    @Test
    void largeSquareProductsHoldAcrossDepthChunks() {
        check(DType.F32, 7, 1, 1, 1, 300, 260, 700, false, false);
        check(DType.F32, 8, 2, 2, 1, 64, 48, 513, true, true);
    }

    @Test
    void gpuTilingIsRightToo() {
        ClMatmul gpu = new ClMatmul(cl, DType.F32, new ClMatmul.Tiling(4, 4, Integer.MAX_VALUE, 8, 8, 1));
        check(gpu::matmul, DType.F32, 12, 3, 1, 3, 65, 130, 17, true, false);
        check(gpu::matmul, DType.F32, 13, 2, 2, 1, 3, 1, 300, false, true);
    }

    /** The CPU blocks of every vector width are checked whatever this machine's width is. */
    @Test
    void cpuTilingsOfEveryVectorWidthAreRight() {
        for (int bits : new int[] {128, 256, 512}) {
            for (DType dtype : cl.supports(DType.F64) ? new DType[] {DType.F32, DType.F64} : new DType[] {DType.F32}) {
                ClMatmul cpu = new ClMatmul(cl, dtype, ClMatmul.Tiling.cpu(bits, dtype));
                check(cpu::matmul, dtype, bits, 2, 2, 1, 65, 130, 17, false, true);
                check(cpu::matmul, dtype, bits + 1, 1, 1, 1, 31, 45, 600, true, false);
            }
        }
    }

    /** 512-bit registers (AVX-512, 32 of them): 16 rows of one vector; narrower (AVX2, SSE: 16 registers): 6 rows of two. */
    @Test
    void cpuBlockFitsTheVectorRegisters() {
        assertBlock(16, 16, ClMatmul.Tiling.cpu(512, DType.F32));
        assertBlock(16, 8, ClMatmul.Tiling.cpu(512, DType.F64));
        assertBlock(6, 16, ClMatmul.Tiling.cpu(256, DType.F32));
        assertBlock(6, 8, ClMatmul.Tiling.cpu(256, DType.F64));
        assertBlock(6, 8, ClMatmul.Tiling.cpu(128, DType.F32));
        assertBlock(6, 4, ClMatmul.Tiling.cpu(128, DType.F64));
        assertBlock(16, 16, ClMatmul.Tiling.cpu(1024, DType.F32)); // no OpenCL vector is wider than 16
    }

    private static void assertBlock(int mr, int nr, ClMatmul.Tiling t) {
        assertEquals(mr + " × " + nr, t.mr() + " × " + t.nr());
    }

    @Test
    void doublePrecisionWhereTheDeviceHasIt() {
        Assumptions.assumeTrue(cl.supports(DType.F64), "device has no fp64");
        check(DType.F64, 9, 2, 1, 2, 65, 17, 130, false, true);
        check(DType.F64, 10, 1, 1, 1, 33, 70, 300, true, false);
    }

    @Test
    void emptyDepthGivesZeros() {
        check(DType.F32, 11, 2, 2, 2, 5, 7, 0, false, false);
    }

    private static int pick(Random r) {
        return r.nextInt(3) == 0 ? 1 + r.nextInt(40) : AWKWARD[r.nextInt(AWKWARD.length)];
    }

    private static void check(DType dtype, long seed, int batches, int aBatches, int bBatches, int m, int n, int k,
                              boolean transA, boolean transB) {
        check(cl::matmul, dtype, seed, batches, aBatches, bBatches, m, n, k, transA, transB);
    }

    /** A batched product with {@link tensor.Backend#matmul}'s signature. */
    private interface Product {
        void matmul(Tensor a, Tensor b, Tensor out, boolean transA, boolean transB);
    }

    private static void check(Product mm, DType dtype, long seed, int batches, int aBatches, int bBatches, int m,
                              int n, int k, boolean transA, boolean transB) {
        Random r = new Random(seed);
        double[] a = random(r, aBatches * m * k), b = random(r, bBatches * k * n);
        double[] c;
        try (Tensor ta = upload(cl, dtype, a, aBatches, transA ? k : m, transA ? m : k);
             Tensor tb = upload(cl, dtype, b, bBatches, transB ? n : k, transB ? k : n);
             Tensor tc = Tensor.empty(cl, dtype, Shape.of(batches, m, n))) {
            mm.matmul(ta, tb, tc, transA, transB);
            c = download(tc);
        }
        for (int bi = 0; bi < batches; bi++) {
            int ao = aBatches == 1 ? 0 : bi * m * k, bo = bBatches == 1 ? 0 : bi * k * n;
            for (int i = 0; i < m; i++) {
                for (int j = 0; j < n; j++) {
                    double sum = 0, magnitude = 0;
                    for (int p = 0; p < k; p++) {
                        double x = a[ao + (transA ? p * m + i : i * k + p)];
                        double y = b[bo + (transB ? j * k + p : p * n + j)];
                        sum += x * y;
                        magnitude += Math.abs(x * y);
                    }
                    double got = c[(bi * m + i) * n + j];
                    assertEquals(sum, got, tolerance(dtype, k, magnitude),
                            "C[" + bi + ", " + i + ", " + j + "]");
                }
            }
        }
    }

    /** A forward-error bound for a sum of {@code k} products: {@code k·ε·Σ|xy|} plus a floor. */
    static double tolerance(DType dtype, int k, double magnitude) {
        double eps = dtype == DType.F64 ? 0x1p-52 : 0x1p-23;
        return 2 * (k + 1) * eps * magnitude + 1e3 * Double.MIN_NORMAL;
    }

    static double[] random(Random r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (2 * r.nextDouble() - 1);
        }
        return v;
    }

    /** A tensor on {@code cl} holding {@code values} (rounded to F32 when dtype is F32). */
    static Tensor upload(ClBackend cl, DType dtype, double[] values, int... shape) {
        Tensor t = Tensor.empty(cl, dtype, Shape.of(shape));
        if (dtype == DType.F64) {
            cl.write(t.storage(), values);
        } else {
            float[] f = new float[values.length];
            for (int i = 0; i < f.length; i++) {
                f[i] = (float) values[i];
            }
            cl.write(t.storage(), f);
        }
        return t;
    }

    static double[] download(Tensor t) {
        double[] out = new double[t.numel()];
        if (t.dtype() == DType.F64) {
            t.backend().read(t.storage(), t.offset(), out);
        } else {
            float[] f = new float[t.numel()];
            t.backend().read(t.storage(), t.offset(), f);
            for (int i = 0; i < f.length; i++) {
                out[i] = f[i];
            }
        }
        return out;
    }
}
