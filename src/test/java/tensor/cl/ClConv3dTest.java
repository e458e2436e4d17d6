package tensor.cl;

import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import tensor.ConvSpec;
import tensor.DType;
import tensor.Shape;
import tensor.Tensor;

import java.util.Random;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;

/**
 * {@link ClConv3d}'s three passes against direct double-precision loops over the definition
 * {@code out[n, o, p] = bias[o] + Σ_{c, tap} x[n, g·Cg + c, p·s − pad + tap·d] · w[o, c, tap]}
 * and its two adjoints, on random geometries with stride, asymmetric padding, dilation and groups.
 */
class ClConv3dTest {
    static ClBackend cl;

    @BeforeAll
    static void open() {
        cl = OpenCl.backend();
    }

    /** One random case: shapes, spec and data. */
    record Case(int n, int c, int o, int[] in, int[] k, ConvSpec spec, int[] out, long seed) {
        static Case random(Random r) {
            return random(r, false);
        }

        /** A random case; with {@code strideOne}, stride 1 along every axis (the direct kernels' domain). */
        static Case random(Random r, boolean strideOne) {
            int groups = 1 + r.nextInt(3);
            int c = groups * (1 + r.nextInt(3)), o = groups * (1 + r.nextInt(3));
            int[] in = new int[3], k = new int[3], s = new int[3], pb = new int[3], pa = new int[3], d = new int[3], out = new int[3];
            ConvSpec spec;
            do {
                for (int a = 0; a < 3; a++) {
                    in[a] = 1 + r.nextInt(7);
                    k[a] = 1 + r.nextInt(3);
                    s[a] = strideOne ? 1 : 1 + r.nextInt(2);
                    pb[a] = r.nextInt(3);
                    pa[a] = r.nextInt(2);
                    d[a] = 1 + r.nextInt(2);
                }
                spec = new ConvSpec(s, pb, pa, d, groups);
                for (int a = 0; a < 3; a++) {
                    out[a] = spec.outputSize(a, in[a], k[a]);
                }
            } while (out[0] * out[1] * out[2] == 0);
            return new Case(1 + r.nextInt(3), c, o, in, k, spec, out, r.nextLong());
        }

        int[] xShape() { return new int[] {n, c, in[0], in[1], in[2]}; }
        int[] wShape() { return new int[] {o, c / spec.groups(), k[0], k[1], k[2]}; }
        int[] outShape() { return new int[] {n, o, out[0], out[1], out[2]}; }
    }

    @TestFactory
    Stream<DynamicTest> allThreePassesMatchTheDefinition() {
        Random r = new Random(2024);
        return IntStream.range(0, 30).mapToObj(i -> Case.random(r))
                .map(t -> DynamicTest.dynamicTest(t.toString(), () -> check(t, t.seed % 2 == 0, ClConv3d.CHUNK_BYTES)));
    }

    /**
     * Stride 1 everywhere ({@link ClConvDirect}): dilations, asymmetric padding and padding wider
     * than the kernel (which the input gradient crops), groups, under the CPU and the GPU tilings.
     */
    @TestFactory
    Stream<DynamicTest> strideOnePassesMatchTheDefinition() {
        Random r = new Random(31);
        ClMatmul gpu = gpuTiling();
        return IntStream.range(0, 16).mapToObj(i -> Case.random(r, true))
                .map(t -> DynamicTest.dynamicTest(t.toString(), () -> {
                    check(t, t.seed % 2 == 0, ClConv3d.CHUNK_BYTES);
                    check(t, t.seed % 2 != 0, 3000, DType.F32, gpu);
                }));
    }

    /** The tokenizer's causal layer shape: channels a multiple of the panel width, rows longer than one vector. */
    @Test
    void causalLayerWithWholePanelsOfChannels() {
        ConvSpec spec = new ConvSpec(new int[] {1, 1, 1}, new int[] {2, 1, 1}, new int[] {0, 1, 1}, new int[] {1, 1, 1}, 1);
        Case t = new Case(2, 32, 32, new int[] {3, 5, 19}, new int[] {3, 3, 3}, spec, new int[] {3, 5, 19}, 12);
        check(t, true, ClConv3d.CHUNK_BYTES);
        check(t, false, 3000, DType.F32, gpuTiling());
    }

    /** Stride = kernel, no padding (the tokenizer's patch downsampling): input positions past the last whole patch get no gradient. */
    @Test
    void patchConvolutionWithUncoveredEdges() {
        for (int groups : new int[] {1, 2}) {
            ConvSpec spec = new ConvSpec(new int[] {1, 2, 3}, new int[3], new int[3], new int[] {1, 1, 1}, groups);
            int[] in = {3, 7, 10}, k = {1, 2, 3};
            int[] out = {spec.outputSize(0, 3, 1), spec.outputSize(1, 7, 2), spec.outputSize(2, 10, 3)};
            Case t = new Case(2, 2 * groups, 3 * groups, in, k, spec, out, 13 + groups);
            check(t, true, ClConv3d.CHUNK_BYTES);
            check(t, false, 3000, DType.F32, gpuTiling());
        }
    }

    @Test
    void videoSizedLayerWithBias() {
        check(videoLayer(), true, ClConv3d.CHUNK_BYTES);
    }

    @Test
    void positionsSplitIntoManyChunks() {
        check(videoLayer(), true, 3000);
    }

    @Test
    void rowsWiderThanOnePanel() {
        for (ConvSpec spec : new ConvSpec[] {ConvSpec.symmetric(1, 1, 1, 1),
                new ConvSpec(new int[] {1, 2, 2}, new int[] {0, 2, 1}, new int[] {1, 0, 2}, new int[] {1, 2, 2}, 2)}) {
            int[] in = {2, 5, 53}, k = {2, 3, 3};
            int[] out = {spec.outputSize(0, 2, 2), spec.outputSize(1, 5, 3), spec.outputSize(2, 53, 3)};
            check(new Case(2, 4, 6, in, k, spec, out, 8), true, 5000);
        }
    }

    /** More channels per group than one panel holds, and not a multiple of it: whole-panel channel runs and panels that straddle two taps. */
    @Test
    void channelRunsWiderThanOnePanel() {
        check(wideChannels(), true, 20000);
    }

    /** Three output channels (a convolution to RGB): the weight gradient's narrow 4-wide blocks, 20 channels × 27 taps of rows. */
    @Test
    void fewOutputChannelsTakeNarrowWeightGradientBlocks() {
        check(new Case(2, 20, 3, new int[] {3, 10, 9}, new int[] {3, 3, 3}, ConvSpec.symmetric(1, 1, 1, 1),
                new int[] {3, 10, 9}, 12), true, 5000);
    }

    private static Case wideChannels() {
        ConvSpec spec = new ConvSpec(new int[] {1, 2, 1}, new int[] {1, 0, 1}, new int[] {1, 1, 0}, new int[] {1, 1, 2}, 2);
        int[] in = {3, 6, 9}, k = {3, 3, 2};
        int[] out = {spec.outputSize(0, 3, 3), spec.outputSize(1, 6, 3), spec.outputSize(2, 9, 2)};
        return new Case(2, 2 * 37, 6, in, k, spec, out, 11);
    }

    private static Case videoLayer() {
        return new Case(2, 8, 17, new int[] {4, 9, 13}, new int[] {3, 3, 3}, ConvSpec.symmetric(1, 1, 1, 1),
                new int[] {4, 9, 13}, 5);
    }

    @Test
    void causalStridedDownsampling() {
        ConvSpec spec = new ConvSpec(new int[] {1, 2, 2}, new int[] {2, 1, 0}, new int[] {0, 0, 1}, new int[] {1, 1, 1}, 1);
        int[] in = {5, 8, 7}, k = {3, 3, 3};
        int[] out = {spec.outputSize(0, 5, 3), spec.outputSize(1, 8, 3), spec.outputSize(2, 7, 3)};
        check(new Case(2, 3, 5, in, k, spec, out, 6), false, 1000);
    }

    @Test
    void doublePrecisionWhereTheDeviceHasIt() {
        Assumptions.assumeTrue(cl.supports(DType.F64), "device has no fp64");
        ConvSpec spec = new ConvSpec(new int[] {2, 1, 1}, new int[] {1, 0, 2}, new int[] {0, 1, 0}, new int[] {1, 2, 1}, 2);
        int[] in = {5, 6, 21}, k = {3, 2, 3};
        int[] out = {spec.outputSize(0, 5, 3), spec.outputSize(1, 6, 2), spec.outputSize(2, 21, 3)};
        check(new Case(2, 4, 6, in, k, spec, out, 9), true, 4000, DType.F64);
        ConvSpec strideOne = new ConvSpec(new int[] {1, 1, 1}, new int[] {2, 1, 0}, new int[] {0, 1, 2}, new int[] {1, 2, 1}, 2);
        int[] outOne = {strideOne.outputSize(0, 5, 3), strideOne.outputSize(1, 6, 2), strideOne.outputSize(2, 21, 3)};
        check(new Case(2, 4, 6, in, k, strideOne, outOne, 10), true, ClConv3d.CHUNK_BYTES, DType.F64);
    }

    /** The tile sizes GPUs get (4 × 4 blocks, one packing work-item per depth), run on whatever device there is. */
    @Test
    void gpuTilingMatchesTheDefinition() {
        ClMatmul gpu = gpuTiling();
        Random r = new Random(77);
        for (int i = 0; i < 6; i++) {
            Case t = Case.random(r);
            check(t, i % 2 == 0, 3000, DType.F32, gpu);
        }
        check(videoLayer(), true, 5000, DType.F32, gpu);
        check(wideChannels(), false, 20000, DType.F32, gpu);
    }

    /** The CPU blocks of every vector width (see ClMatmul.Tiling#cpu), whatever this machine's width is. */
    @Test
    void cpuTilingsOfEveryVectorWidthMatchTheDefinition() {
        Random r = new Random(78);
        for (int bits : new int[] {128, 256, 512}) {
            ClMatmul cpu = new ClMatmul(cl, DType.F32, ClMatmul.Tiling.cpu(bits, DType.F32));
            check(Case.random(r), true, 3000, DType.F32, cpu);
            check(videoLayer(), false, 5000, DType.F32, cpu);
        }
    }

    private static ClMatmul gpuTiling() {
        return new ClMatmul(cl, DType.F32, new ClMatmul.Tiling(4, 4, Integer.MAX_VALUE, 8, 8, 1));
    }

    private static void check(Case t, boolean withBias, long chunkBytes) {
        check(t, withBias, chunkBytes, DType.F32);
    }

    private static void check(Case t, boolean withBias, long chunkBytes, DType dtype) {
        check(t, withBias, chunkBytes, dtype, new ClMatmul(cl, dtype));
    }

    private static void check(Case t, boolean withBias, long chunkBytes, DType dtype, ClMatmul gemm) {
        Random r = new Random(t.seed);
        int[] xs = t.xShape(), ws = t.wShape(), os = t.outShape();
        double[] x = ClMatmulTest.random(r, numel(xs)), w = ClMatmulTest.random(r, numel(ws));
        double[] bias = withBias ? ClMatmulTest.random(r, t.o) : null;
        double[] gOut = ClMatmulTest.random(r, numel(os));
        Reference ref = new Reference(t, x, w, bias, gOut);

        ClConv3d conv = new ClConv3d(gemm, dtype, chunkBytes);
        try (Tensor dx = ClMatmulTest.upload(cl, dtype, x, xs); Tensor dw = ClMatmulTest.upload(cl, dtype, w, ws);
             Tensor dg = ClMatmulTest.upload(cl, dtype, gOut, os);
             Tensor db = withBias ? ClMatmulTest.upload(cl, dtype, bias, t.o) : null;
             Tensor dOut = Tensor.empty(cl, dtype, Shape.of(os)); Tensor dgx = Tensor.empty(cl, dtype, Shape.of(xs));
             Tensor dgw = Tensor.empty(cl, dtype, Shape.of(ws))) {
            if (chunkBytes == ClConv3d.CHUNK_BYTES) { // the backend's own route
                cl.conv3d(dx, dw, db, dOut, t.spec);
                cl.conv3dInputGrad(dg, dw, dgx, t.spec);
                cl.conv3dWeightGrad(dx, dg, dgw, t.spec);
            } else {
                conv.forward(dx, dw, db, dOut, t.spec);
                conv.inputGrad(dg, dw, dgx, t.spec);
                conv.weightGrad(dx, dg, dgw, t.spec);
            }
            compare(dtype, "forward", ref.out, ref.outMagnitude, ClMatmulTest.download(dOut), ref.reductionOut);
            compare(dtype, "input grad", ref.gx, ref.gxMagnitude, ClMatmulTest.download(dgx), ref.reductionGx);
            compare(dtype, "weight grad", ref.gw, ref.gwMagnitude, ClMatmulTest.download(dgw), ref.reductionGw);
        }
    }

    private static void compare(DType dtype, String pass, double[] want, double[] magnitude, double[] got, int reduction) {
        for (int i = 0; i < want.length; i++) {
            assertEquals(want[i], got[i], ClMatmulTest.tolerance(dtype, reduction, magnitude[i]),
                    pass + " element " + i);
        }
    }

    private static int numel(int[] shape) {
        int n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    /** The definition, looped directly in double precision, with Σ|terms| for error bounds. */
    private static final class Reference {
        final double[] out, outMagnitude, gx, gxMagnitude, gw, gwMagnitude;
        final int reductionOut, reductionGx, reductionGw;

        Reference(Case t, double[] x, double[] w, double[] bias, double[] gOut) {
            int groups = t.spec.groups(), cg = t.c / groups, og = t.o / groups;
            int[] in = t.in, k = t.k, out = t.out;
            int kvol = k[0] * k[1] * k[2], q = in[0] * in[1] * in[2], p = out[0] * out[1] * out[2];
            this.out = new double[t.n * t.o * p];
            outMagnitude = new double[this.out.length];
            gx = new double[t.n * t.c * q];
            gxMagnitude = new double[gx.length];
            gw = new double[t.o * cg * kvol];
            gwMagnitude = new double[gw.length];
            reductionOut = cg * kvol + 1;
            reductionGx = og * kvol;
            reductionGw = t.n * p;
            int[] s = t.spec.stride(), pad = t.spec.padBefore(), d = t.spec.dilation();
            for (int n = 0; n < t.n; n++) {
                for (int o = 0; o < t.o; o++) {
                    int g = o / og;
                    for (int pos = 0; pos < p; pos++) {
                        int oi = (n * t.o + o) * p + pos;
                        int[] op = {pos / (out[1] * out[2]), pos / out[2] % out[1], pos % out[2]};
                        if (bias != null) {
                            this.out[oi] = bias[o];
                            outMagnitude[oi] = Math.abs(bias[o]);
                        }
                        for (int c = 0; c < cg; c++) {
                            for (int tap = 0; tap < kvol; tap++) {
                                int[] kk = {tap / (k[1] * k[2]), tap / k[2] % k[1], tap % k[2]};
                                int xi = (n * t.c + g * cg + c);
                                boolean inside = true;
                                for (int a = 0; a < 3; a++) {
                                    int at = op[a] * s[a] - pad[a] + kk[a] * d[a];
                                    inside &= at >= 0 && at < in[a];
                                    xi = xi * in[a] + at;
                                }
                                if (!inside) {
                                    continue;
                                }
                                int wi = (o * cg + c) * kvol + tap;
                                this.out[oi] += x[xi] * w[wi];
                                outMagnitude[oi] += Math.abs(x[xi] * w[wi]);
                                gx[xi] += gOut[oi] * w[wi];
                                gxMagnitude[xi] += Math.abs(gOut[oi] * w[wi]);
                                gw[wi] += gOut[oi] * x[xi];
                                gwMagnitude[wi] += Math.abs(gOut[oi] * x[xi]);
                            }
                        }
                    }
                }
            }
        }
    }
}
